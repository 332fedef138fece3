package dev.switchboard.application.service;

import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.message.OutboundMessage;
import java.time.Clock;
import java.util.List;

/** Queues delivery receipts for the agent, in the customer's lane to the contact center. */
final class AgentReceipts {

  private final Outbox outbox;
  private final Clock clock;

  AgentReceipts(Outbox outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  /** Queues {@code receipt} for the contact center. */
  void report(DeliveryReceipt receipt) {
    outbox.enqueue(
        Lanes.toContactCenter(receipt.customer()), new OutboxItem.ReportToContactCenter(receipt));
  }

  /** Tells the agent, as of now, that {@code message} will not reach the customer. */
  void refuse(OutboundMessage message, DeliveryFailure failure) {
    report(
        DeliveryReceipt.failed(
            message.contactCenterMessageId(),
            message.recipient(),
            List.of(failure),
            clock.instant()));
  }
}
