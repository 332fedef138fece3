package dev.switchboard.application.service;

import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Decoded;
import dev.switchboard.application.pipeline.InboxEvent;
import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.in.ProcessInboxCommand;
import dev.switchboard.application.port.in.ProcessInboxUseCase;
import dev.switchboard.application.port.out.ContactDirectory;
import dev.switchboard.application.port.out.Conversations;
import dev.switchboard.application.port.out.DeadLetters;
import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.application.port.out.Inbox;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.application.port.out.ProcessedMessages;
import dev.switchboard.application.port.out.Transactions;
import dev.switchboard.application.port.out.WebhookDecoder;
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
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Takes accepted webhooks in acceptance order and, for each, in one transaction: de-duplicates its
 * messages by their ids, applies the window, template and status rules, and writes what must be
 * sent to the outbox. A webhook that cannot be understood goes to the dead letters.
 */
public final class ProcessInboxService implements ProcessInboxUseCase {

  private static final System.Logger LOG = System.getLogger(ProcessInboxService.class.getName());

  static final DeliveryFailure WINDOW_CLOSED =
      new DeliveryFailure(
          FailureReason.MESSAGE_EXPIRED,
          "The 24-hour customer service window is closed: only a template message can be sent"
              + " until the customer writes again.");

  /** After this many failed attempts a webhook is dead-lettered instead of retried. */
  static final int MAX_ATTEMPTS = 5;

  private final Map<WebhookSource, WebhookDecoder> decoders = new EnumMap<>(WebhookSource.class);
  private final Inbox inbox;
  private final Outbox outbox;
  private final Conversations conversations;
  private final Deliveries deliveries;
  private final ContactDirectory contacts;
  private final ProcessedMessages processed;
  private final DeadLetters deadLetters;
  private final Transactions transactions;
  private final TemplatePolicy policy;
  private final Clock clock;
  private final AgentReceipts receipts;
  private final Wakeup dispatcher;

  public ProcessInboxService(
      List<WebhookDecoder> decoders,
      Inbox inbox,
      Outbox outbox,
      Conversations conversations,
      Deliveries deliveries,
      ContactDirectory contacts,
      ProcessedMessages processed,
      DeadLetters deadLetters,
      Transactions transactions,
      TemplatePolicy policy,
      Clock clock,
      Wakeup dispatcher) {
    decoders.forEach(d -> this.decoders.put(d.source(), d));
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    this.contacts = Objects.requireNonNull(contacts, "contacts");
    this.processed = Objects.requireNonNull(processed, "processed");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.receipts = new AgentReceipts(this.outbox, this.clock);
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
  }

  @Override
  public int process(ProcessInboxCommand command) {
    List<InboxEvent> events = inbox.oldest(command.maxEvents());
    int done = 0;
    for (InboxEvent event : events) {
      if (!processOne(event)) {
        break; // keep the order: nothing overtakes an event that is to be retried
      }
      done++;
    }
    if (done > 0) {
      dispatcher.signal();
    }
    return done;
  }

  private boolean processOne(InboxEvent event) {
    Decoded decoded = decode(event);
    try {
      transactions.run(
          () -> {
            if (!decoded.problems().isEmpty()) {
              deadLetters.addWebhook(event.webhook(), String.join("; ", decoded.problems()));
            }
            decoded.events().stream()
                .sorted(Comparator.comparing(ChannelEvent::occurredAt))
                .forEach(this::handle);
            inbox.remove(event.id());
          });
      return true;
    } catch (RuntimeException e) {
      return failed(event, e);
    }
  }

  private Decoded decode(InboxEvent event) {
    WebhookDecoder decoder = decoders.get(event.webhook().source());
    if (decoder == null) {
      return Decoded.unusable("no decoder for " + event.webhook().source());
    }
    try {
      return decoder.decode(event.webhook().body());
    } catch (RuntimeException e) {
      return Decoded.unusable("the decoder failed: " + e);
    }
  }

  private boolean failed(InboxEvent event, RuntimeException error) {
    int attempts = event.failedAttempts() + 1;
    if (attempts < MAX_ATTEMPTS) {
      LOG.log(
          Level.WARNING,
          "processing inbox event {0} failed (attempt {1}), will retry: {2}",
          event.id(),
          attempts,
          error.toString());
      inbox.recordFailedAttempt(event.id());
      return false;
    }
    LOG.log(
        Level.ERROR,
        "inbox event {0} failed {1} times; moved to the dead letters: {2}",
        event.id(),
        attempts,
        error.toString());
    transactions.run(
        () -> {
          deadLetters.addWebhook(event.webhook(), "processing failed: " + error);
          inbox.remove(event.id());
        });
    return true;
  }

  private void handle(ChannelEvent event) {
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
