package dev.switchboard.application.usecase;

import dev.switchboard.application.connection.Connections;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.port.out.Conversations;
import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.delivery.Delivery;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.StatusReport;
import dev.switchboard.domain.message.OutboundMessage;
import dev.switchboard.domain.message.QuickReply;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Follows what became of the agents' messages: a send the channel accepted becomes a delivery under
 * the channel's id (with the quick replies or card buttons it offered), and each of the channel's
 * reports moves it forward only, so that the agent hears of each outcome once. A report that comes
 * before the send's answer is held until it does. On a channel that reports nothing later, a send
 * it accepted counts as delivered. Runs inside the caller's transaction.
 */
public final class RecordDeliveryStatus {

  private final Conversations conversations;
  private final Deliveries deliveries;
  private final AgentReceipts receipts;
  private final Clock clock;

  public RecordDeliveryStatus(
      Conversations conversations, Deliveries deliveries, AgentReceipts receipts, Clock clock) {
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    this.receipts = Objects.requireNonNull(receipts, "receipts");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Applies the channel's report to the delivery it is about, or holds it until that is known. */
  public void record(Connections.Connected on, ChannelEvent.StatusReported event) {
    StatusReport report = event.report();
    conversations.lock(event.key());
    deliveries
        .byChannelMessageId(on.id(), report.channelMessageId())
        .ifPresentOrElse(
            delivery -> {
              delivery.apply(report).ifPresent(receipt -> receipts.report(on.id(), receipt));
              deliveries.save(on.id(), delivery);
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
    for (String channelMessageId : channelMessageIds) {
      Delivery delivery =
          Delivery.accepted(
              message.contactCenterMessageId(),
              channelMessageId,
              message.recipient(),
              offered,
              send.finalPart());
      for (StatusReport held : deliveries.releaseHeld(connection, channelMessageId)) {
        delivery.apply(held).ifPresent(receipt -> receipts.report(connection, receipt));
      }
      if (!reportsDelivery) {
        StatusReport accepted =
            new StatusReport(
                channelMessageId,
                message.recipient(),
                DeliveryStatus.DELIVERED,
                clock.instant(),
                List.of());
        delivery.apply(accepted).ifPresent(receipt -> receipts.report(connection, receipt));
      }
      deliveries.save(connection, delivery);
    }
  }
}
