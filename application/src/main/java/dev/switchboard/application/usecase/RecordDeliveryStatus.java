package dev.switchboard.application.usecase;

import dev.switchboard.application.connection.Connections;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.pipeline.Traced;
import dev.switchboard.application.port.out.Conversations;
import dev.switchboard.application.port.out.CustomerLinks;
import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.application.port.out.PipelineObserver;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.delivery.Delivery;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.MessageOutcome;
import dev.switchboard.domain.delivery.StatusReport;
import dev.switchboard.domain.message.OutboundMessage;
import dev.switchboard.domain.message.QuickReply;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Follows what became of the agents' messages: a send the channel accepted becomes a delivery under
 * the channel's id (with the quick replies or card buttons it offered), and each of the channel's
 * reports moves it forward only. The agent hears once per message, however many sends carry it
 * ({@link MessageOutcome}): {@code Failed} as soon as one send fails or is refused, {@code
 * Delivered} once every send is delivered. A report that comes before the send's answer is held
 * until it does. On a channel that reports nothing later, a send it accepted counts as delivered.
 * Sends queued by earlier releases, whose message has no outcome kept whole, report as they did:
 * each part's failure, the final part's delivery. Runs inside the caller's transaction.
 */
public final class RecordDeliveryStatus {

  private final Conversations conversations;
  private final Deliveries deliveries;
  private final CustomerLinks links;
  private final AgentReceipts receipts;
  private final Clock clock;
  private final PipelineObserver observer;

  /**
   * @param links the ids linked to the contact center's participant: a status may name the customer
   *     by another id than the one the agent's message was sent to, and both must take the same
   *     conversation's lock
   */
  public RecordDeliveryStatus(
      Conversations conversations,
      Deliveries deliveries,
      CustomerLinks links,
      AgentReceipts receipts,
      Clock clock) {
    this(conversations, deliveries, links, receipts, clock, PipelineObserver.NONE);
  }

  /**
   * @param observer told of each report the channel gives on an agent's message
   */
  public RecordDeliveryStatus(
      Conversations conversations,
      Deliveries deliveries,
      CustomerLinks links,
      AgentReceipts receipts,
      Clock clock,
      PipelineObserver observer) {
    this.observer = Objects.requireNonNull(observer, "observer");
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    this.links = Objects.requireNonNull(links, "links");
    this.receipts = Objects.requireNonNull(receipts, "receipts");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Applies the channel's report to the delivery it is about, or holds it until that is known. */
  public void record(Connections.Connected on, ChannelEvent.StatusReported event) {
    StatusReport report = event.report();
    // the lock the send's recording takes: that of the participant the message went to
    conversations.lock(
        new ConversationKey(on.id(), links.participant(on.id(), report.recipient(), List.of())));
    deliveries
        .byChannelMessageId(on.id(), report.channelMessageId())
        .ifPresentOrElse(
            delivery -> {
              observer.status(
                  new Traced(
                      delivery.contactCenterMessageId(),
                      on.id(),
                      Traced.Direction.TO_CUSTOMER,
                      delivery.customer()),
                  report.status().name().toLowerCase(Locale.ROOT));
              Settling message = settling(on.id(), delivery.contactCenterMessageId());
              message.apply(delivery, report);
              deliveries.save(on.id(), delivery);
              message.save();
            },
            () -> deliveries.hold(on.id(), report));
  }

  /**
   * Remembers what the channel accepted under its ids, applies the reports that arrived before the
   * send's answer did and, when the channel reports nothing later ({@code reportsDelivery} false),
   * counts the send as delivered.
   */
  public void sent(
      OutboxItem.SendToCustomer send, List<String> channelMessageIds, boolean reportsDelivery) {
    ConnectionId connection = send.connection();
    OutboundMessage message = send.message();
    List<QuickReply> offered = message.content().offeredReplies();
    conversations.lock(new ConversationKey(connection, message.recipient()));
    Settling settling = settling(connection, message.contactCenterMessageId());
    for (int i = 0; i < channelMessageIds.size(); i++) {
      String channelMessageId = channelMessageIds.get(i);
      Delivery delivery =
          Delivery.accepted(
              message.contactCenterMessageId(),
              channelMessageId,
              message.recipient(),
              offered,
              send.finalPart());
      settling.accepted(send.finalPart() && i == channelMessageIds.size() - 1);
      for (StatusReport held : deliveries.releaseHeld(connection, channelMessageId)) {
        settling.apply(delivery, held);
      }
      if (!reportsDelivery) {
        settling.apply(
            delivery,
            new StatusReport(
                channelMessageId,
                message.recipient(),
                DeliveryStatus.DELIVERED,
                clock.instant(),
                List.of()));
      }
      deliveries.save(connection, delivery);
    }
    settling.save();
  }

  /**
   * The channel refused a send, or the bridge gave up on it: the agent hears that the message
   * failed, unless they already heard of its outcome.
   */
  public void refused(OutboxItem.SendToCustomer send, DeliveryFailure failure) {
    ConnectionId connection = send.connection();
    OutboundMessage message = send.message();
    conversations.lock(new ConversationKey(connection, message.recipient()));
    Settling settling = settling(connection, message.contactCenterMessageId());
    if (settling.outcome.isEmpty()) {
      receipts.refuse(connection, message, failure);
      return;
    }
    settling
        .outcome
        .get()
        .failed(List.of(failure), clock.instant())
        .ifPresent(receipt -> receipts.report(connection, receipt));
    deliveries.saveOutcome(connection, settling.outcome.get());
  }

  /** The send the channel accepted under this id, once it is recorded. */
  public Optional<Delivery> sentAs(ConnectionId connection, String channelMessageId) {
    return deliveries.byChannelMessageId(connection, channelMessageId);
  }

  /**
   * Whether the send must not be made: an earlier send of its message failed. The first send of a
   * message is always made.
   */
  public boolean stopped(OutboxItem.SendToCustomer send) {
    return send.part() > 0
        && deliveries
            .outcome(send.connection(), send.message().contactCenterMessageId())
            .map(MessageOutcome::stopped)
            .orElse(false);
  }

  private Settling settling(ConnectionId connection, String contactCenterMessageId) {
    return new Settling(connection, deliveries.outcome(connection, contactCenterMessageId));
  }

  /** The receipts of one message's sends as they move, through its outcome when it is kept. */
  private final class Settling {
    private final ConnectionId connection;
    private final Optional<MessageOutcome> outcome;
    private boolean changed;

    Settling(ConnectionId connection, Optional<MessageOutcome> outcome) {
      this.connection = connection;
      this.outcome = outcome;
    }

    void accepted(boolean last) {
      outcome.ifPresent(message -> message.accepted(last));
      changed = true;
    }

    void apply(Delivery delivery, StatusReport report) {
      Optional<DeliveryReceipt> receipt;
      if (outcome.isEmpty()) {
        receipt = delivery.apply(report);
      } else {
        Optional<DeliveryReceipt.Outcome> moved = delivery.advance(report);
        changed |= moved.isPresent();
        receipt =
            moved.flatMap(
                outcomeOfSend ->
                    outcomeOfSend == DeliveryReceipt.Outcome.FAILED
                        ? outcome.get().failed(Delivery.reasons(report), report.at())
                        : outcome.get().sendDelivered(report.at()));
      }
      receipt.ifPresent(r -> receipts.report(connection, r));
    }

    /** Stores the outcome when the sends moved it (a report that moves no send changes nothing). */
    void save() {
      if (changed) {
        outcome.ifPresent(message -> deliveries.saveOutcome(connection, message));
      }
    }
  }
}
