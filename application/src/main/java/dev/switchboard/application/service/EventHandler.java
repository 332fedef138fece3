package dev.switchboard.application.service;

import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.port.out.ContactDirectory;
import dev.switchboard.application.port.out.Conversations;
import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.application.port.out.ProcessedMessages;
import dev.switchboard.domain.conversation.Conversation;
import dev.switchboard.domain.conversation.SendDecision;
import dev.switchboard.domain.conversation.TemplatePolicy;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.delivery.StatusReport;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import dev.switchboard.domain.message.ReplyChoice;
import dev.switchboard.domain.message.SendParts;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Applies one decoded event (inside the caller's transaction): de-duplicates messages by their ids,
 * applies the window, template and status rules, and writes what must be sent to the outbox.
 */
final class EventHandler {

  static final DeliveryFailure WINDOW_CLOSED =
      new DeliveryFailure(
          FailureReason.MESSAGE_EXPIRED,
          "The 24-hour customer service window is closed: only a template message can be sent"
              + " until the customer writes again.");

  private final Outbox outbox;
  private final Conversations conversations;
  private final Deliveries deliveries;
  private final ContactDirectory contacts;
  private final ProcessedMessages processed;
  private final TemplatePolicy policy;
  private final Clock clock;
  private final AgentReceipts receipts;

  EventHandler(
      Outbox outbox,
      Conversations conversations,
      Deliveries deliveries,
      ContactDirectory contacts,
      ProcessedMessages processed,
      TemplatePolicy policy,
      Clock clock) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    this.contacts = Objects.requireNonNull(contacts, "contacts");
    this.processed = Objects.requireNonNull(processed, "processed");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.receipts = new AgentReceipts(outbox, clock);
  }

  /** Applies {@code event}; part of the caller's transaction. */
  void handle(ChannelEvent event) {
    if (event instanceof ChannelEvent.CustomerMessage m) {
      customerWrote(m.message());
    } else if (event instanceof ChannelEvent.StatusReported s) {
      statusReported(s.report());
    } else if (event instanceof ChannelEvent.AgentMessage a) {
      agentWrote(a.message());
    } else if (event instanceof ChannelEvent.AgentTyping t) {
      agentTyping(t.customer());
    } else {
      throw new IllegalStateException("unhandled event " + event.getClass().getSimpleName());
    }
  }

  private void customerWrote(InboundMessage message) {
    if (!processed.firstTime("whatsapp:" + message.channelMessageId())) {
      return;
    }
    Conversation conversation = conversations.lock(message.sender().id());
    conversation.customerWrote(message);
    conversations.save(conversation);
    InboundMessage named = withKnownName(message);
    contacts.remember(named.sender());
    outbox.enqueue(Lanes.toContactCenter(named.sender().id()), forwardingOf(named));
  }

  /**
   * A tap on a quick reply the contact center offered goes back as its answer; any other message (a
   * tap that cannot be traced back too, as the text the customer saw) is forwarded.
   */
  private OutboxItem forwardingOf(InboundMessage message) {
    if (!(message.content() instanceof InboundContent.ReplyTap tap)) {
      return new OutboxItem.ForwardToContactCenter(message);
    }
    return deliveries
        .byChannelMessageId(tap.inReplyTo())
        .flatMap(
            offer ->
                offer
                    .offeredReply(tap.replyId())
                    .map(
                        reply ->
                            new ReplyChoice(
                                offer.contactCenterMessageId(),
                                message.sender(),
                                reply,
                                message.channelMessageId(),
                                message.sentAt())))
        .<OutboxItem>map(OutboxItem.AnswerToContactCenter::new)
        .orElseGet(
            () ->
                new OutboxItem.ForwardToContactCenter(
                    message.with(new InboundContent.Text(tap.title()))));
  }

  /** Fills in the customer's profile name from an earlier message when this one has none. */
  private InboundMessage withKnownName(InboundMessage message) {
    if (message.sender().displayName() != null) {
      return message;
    }
    return contacts
        .find(message.sender().id())
        .filter(known -> known.displayName() != null)
        .map(known -> message.from(new Customer(message.sender().id(), known.displayName())))
        .orElse(message);
  }

  private void statusReported(StatusReport report) {
    conversations.lock(report.recipient());
    deliveries
        .byChannelMessageId(report.channelMessageId())
        .ifPresentOrElse(
            delivery -> {
              delivery.apply(report).ifPresent(receipts::report);
              deliveries.save(delivery);
            },
            () -> deliveries.hold(report));
  }

  private void agentWrote(OutboundMessage message) {
    if (!processed.firstTime("genesys:" + message.contactCenterMessageId())) {
      return;
    }
    Conversation conversation = conversations.lock(message.recipient());
    SendDecision decision = conversation.decide(message.content(), clock.instant(), policy);
    if (decision instanceof SendDecision.SendFreeForm
        || decision instanceof SendDecision.SendTemplate) {
      send(message, conversation);
    } else if (decision instanceof SendDecision.TemplateRequired) {
      receipts.refuse(message, WINDOW_CLOSED);
    } else if (decision instanceof SendDecision.Rejected rejected) {
      receipts.refuse(message, rejected.failure());
    } else {
      throw new IllegalStateException("unhandled decision " + decision);
    }
  }

  /** Queues the sends that carry the message within WhatsApp's limits, in order. */
  private void send(OutboundMessage message, Conversation conversation) {
    List<OutboundContent> parts = SendParts.of(message.content());
    String from = conversation.businessNumberId().orElse(null);
    for (int i = 0; i < parts.size(); i++) {
      OutboundMessage part =
          new OutboundMessage(message.contactCenterMessageId(), message.recipient(), parts.get(i));
      outbox.enqueue(
          Lanes.toCustomer(message.recipient()),
          new OutboxItem.SendToCustomer(part, from, i == parts.size() - 1));
    }
  }

  /**
   * Shows the customer that an agent is typing, when there is a message of theirs to answer and the
   * window is open (outside it the agent cannot answer with free text anyway).
   */
  private void agentTyping(CustomerId customer) {
    Conversation conversation = conversations.lock(customer);
    if (!conversation.window().isOpenAt(clock.instant())) {
      return;
    }
    conversation
        .lastCustomerMessageId()
        .ifPresent(
            last ->
                outbox.enqueue(
                    Lanes.toCustomer(customer),
                    new OutboxItem.ShowTyping(
                        customer, conversation.businessNumberId().orElse(null), last)));
  }
}
