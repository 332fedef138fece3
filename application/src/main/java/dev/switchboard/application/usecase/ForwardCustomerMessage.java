package dev.switchboard.application.usecase;

import dev.switchboard.application.connection.Connections;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.MessageKeys;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.pipeline.Traced;
import dev.switchboard.application.port.out.ContactDirectory;
import dev.switchboard.application.port.out.Conversations;
import dev.switchboard.application.port.out.CustomerLinks;
import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.application.port.out.ForwardedMessages;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.application.port.out.PipelineObserver;
import dev.switchboard.application.port.out.ProcessedMessages;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.Conversation;
import dev.switchboard.domain.conversation.NumberedOffer;
import dev.switchboard.domain.customer.AllowedCustomers;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.ReplyChoice;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer wrote on a connection: unless the connection's allowed customers leave them out (under
 * every id the customer is known by), the message is forwarded to the contact center once
 * (redeliveries have no second effect) under the id it first knew the customer by, the
 * conversation's window reopens and its reply route follows the customer, agents' messages held for
 * the customer's reply go out, and a tap on a quick reply the contact center offered (or the number
 * of an option it offered as a numbered text) goes back as that offer's answer. Runs inside the
 * caller's transaction.
 */
public final class ForwardCustomerMessage {

  private static final System.Logger LOG = System.getLogger(ForwardCustomerMessage.class.getName());

  private final Outbox outbox;
  private final Conversations conversations;
  private final Deliveries deliveries;
  private final ContactDirectory contacts;
  private final ProcessedMessages processed;
  private final ReengageCustomer reengage;
  private final PipelineObserver observer;
  private final CustomerLinks links;
  private final ForwardedMessages forwarded;

  public ForwardCustomerMessage(
      Outbox outbox,
      Conversations conversations,
      Deliveries deliveries,
      ContactDirectory contacts,
      ProcessedMessages processed,
      ReengageCustomer reengage,
      PipelineObserver observer,
      CustomerLinks links,
      ForwardedMessages forwarded) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    this.contacts = Objects.requireNonNull(contacts, "contacts");
    this.processed = Objects.requireNonNull(processed, "processed");
    this.reengage = Objects.requireNonNull(reengage, "reengage");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.links = Objects.requireNonNull(links, "links");
    this.forwarded = Objects.requireNonNull(forwarded, "forwarded");
  }

  /**
   * Forwards the customer's message; part of the caller's transaction. The message reaches the
   * contact center under the id it first knew the customer by, whichever of their ids it comes from
   * ({@link CustomerLinks}).
   */
  public void forward(Connections.Connected on, ChannelEvent.CustomerMessage received) {
    forward(on, received, null);
  }

  /**
   * Forwards the customer's message, whose webhook was accepted at {@code acceptedAt} ({@code null}
   * when not known); part of the caller's transaction.
   */
  public void forward(
      Connections.Connected on, ChannelEvent.CustomerMessage received, Instant acceptedAt) {
    if (!admitted(on, received)) {
      refuse(on.id(), received, acceptedAt);
      return;
    }
    CustomerId participant = links.participant(on.id(), received.customer(), received.otherIds());
    ChannelEvent.CustomerMessage event =
        participant.equals(received.customer()) ? received : received.from(participant);
    InboundMessage message = event.message();
    String key =
        MessageKeys.customerMessage(on.connection().channel(), on.id(), message.channelMessageId());
    if (!processed.firstTime(key)) {
      return;
    }
    Traced traced =
        new Traced(
            message.channelMessageId(), on.id(), Traced.Direction.TO_AGENT, event.customer());
    observer.processed(traced, acceptedAt);
    Conversation conversation = conversations.lock(event.key());
    conversation.customerWrote(message);
    Optional<NumberedOffer> numbered = conversation.takeNumberedOffer();
    conversations.save(conversation);
    InboundMessage named = withKnownName(on.id(), message);
    contacts.remember(on.id(), named.sender());
    String lane = Lanes.toContactCenter(event.key());
    OutboxItem item =
        numbered
            .flatMap(offer -> answerTo(on.id(), offer, named))
            .orElseGet(() -> forwardingOf(on.id(), named));
    outbox.enqueue(lane, item, acceptedAt);
    observer.queued(traced);
    if (item instanceof OutboxItem.ForwardToContactCenter forwarding) {
      // kept until the contact center reports on it: one it drops after taking it is replayable
      forwarded.keep(lane, forwarding);
    }
    if (event.acknowledgement() != null) {
      outbox.enqueue(lane, new OutboxItem.Acknowledge(on.id(), event.acknowledgement()));
    }
    reengage.release(on, conversation);
  }

  /** The customer's text answers options offered as numbers when it is just one of the numbers. */
  private static Optional<OutboxItem> answerTo(
      ConnectionId connection, NumberedOffer offer, InboundMessage message) {
    if (!(message.content() instanceof InboundContent.Text text)) {
      return Optional.empty();
    }
    return offer
        .chosenBy(text.body())
        .map(
            reply ->
                new OutboxItem.AnswerToContactCenter(
                    connection,
                    new ReplyChoice(
                        offer.contactCenterMessageId(),
                        message.sender(),
                        reply,
                        message.channelMessageId(),
                        message.sentAt())));
  }

  /**
   * Whether the connection's allowed customers name the customer under any of their ids: those of
   * the message, and those linked with them before.
   */
  private boolean admitted(Connections.Connected on, ChannelEvent.CustomerMessage event) {
    AllowedCustomers allowed = on.connection().allowedCustomers();
    if (allowed.admitsEveryone()) {
      return true;
    }
    List<CustomerId> ids = new ArrayList<>(event.ids());
    ids.addAll(links.linkedWith(on.id(), ids));
    String handle = event.message().sender().handle();
    return ids.stream().anyMatch(id -> allowed.admits(id, handle));
  }

  private void refuse(
      ConnectionId connection, ChannelEvent.CustomerMessage received, Instant acceptedAt) {
    CustomerId customer = received.customer();
    observer.refused(
        new Traced(
            received.message().channelMessageId(), connection, Traced.Direction.TO_AGENT, customer),
        acceptedAt);
    LOG.log(
        Level.INFO,
        "connection {0}: a message from a customer not in its allowed-customers ({1}) was not"
            + " forwarded",
        connection,
        customer.masked());
  }

  /**
   * A tap on a quick reply the contact center offered goes back as its answer; any other message (a
   * tap that cannot be traced back too, as the text the customer saw) is forwarded.
   */
  private OutboxItem forwardingOf(ConnectionId connection, InboundMessage message) {
    if (!(message.content() instanceof InboundContent.ReplyTap tap)) {
      return new OutboxItem.ForwardToContactCenter(connection, message);
    }
    return deliveries
        .byChannelMessageId(connection, tap.inReplyTo())
        .<OutboxItem>map(
            offer ->
                offer
                    .answeredBy(message, tap)
                    .<OutboxItem>map(
                        choice -> new OutboxItem.AnswerToContactCenter(connection, choice))
                    .orElseGet(
                        () ->
                            new OutboxItem.ForwardToContactCenter(
                                connection, message.with(new InboundContent.Text(tap.title())))))
        // the send it answers may not be recorded yet (a tap right after the send): the
        // dispatcher looks again before it forwards the tap as the text the customer saw
        .orElseGet(() -> new OutboxItem.ForwardToContactCenter(connection, message));
  }

  /** Fills in the customer's profile name from an earlier message when this one has none. */
  private InboundMessage withKnownName(ConnectionId connection, InboundMessage message) {
    Customer sender = message.sender();
    if (sender.displayName() != null) {
      return message;
    }
    return contacts
        .find(connection, sender.id())
        .filter(known -> known.displayName() != null)
        .map(known -> message.from(new Customer(sender.id(), known.displayName(), sender.handle())))
        .orElse(message);
  }
}
