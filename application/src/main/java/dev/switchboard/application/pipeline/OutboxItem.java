package dev.switchboard.application.pipeline;

import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.OutboundMessage;
import java.util.Objects;

/** Something the bridge must still tell one side; each is dispatched at least once. */
public sealed interface OutboxItem
    permits OutboxItem.ForwardToContactCenter,
        OutboxItem.ReportToContactCenter,
        OutboxItem.SendToCustomer {

  /** A customer's message for the contact center. */
  record ForwardToContactCenter(InboundMessage message) implements OutboxItem {
    public ForwardToContactCenter {
      Objects.requireNonNull(message, "message");
    }
  }

  /** A delivery receipt for the contact center. */
  record ReportToContactCenter(DeliveryReceipt receipt) implements OutboxItem {
    public ReportToContactCenter {
      Objects.requireNonNull(receipt, "receipt");
    }
  }

  /**
   * An agent's message for the customer.
   *
   * @param message the message
   * @param businessNumberId the business number to send from; {@code null} for the configured one
   */
  record SendToCustomer(OutboundMessage message, String businessNumberId) implements OutboxItem {
    public SendToCustomer {
      Objects.requireNonNull(message, "message");
    }
  }
}
