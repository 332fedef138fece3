package dev.switchboard.application.pipeline;

import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.OutboundMessage;
import dev.switchboard.domain.message.ReplyChoice;
import java.util.Objects;

/** Something the bridge must still tell one side; each is dispatched at least once. */
public sealed interface OutboxItem
    permits OutboxItem.ForwardToContactCenter,
        OutboxItem.ReportToContactCenter,
        OutboxItem.AnswerToContactCenter,
        OutboxItem.SendToCustomer,
        OutboxItem.ShowTyping {

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

  /** The customer's tap on a quick reply the contact center offered. */
  record AnswerToContactCenter(ReplyChoice choice) implements OutboxItem {
    public AnswerToContactCenter {
      Objects.requireNonNull(choice, "choice");
    }
  }

  /**
   * One send of an agent's message to the customer.
   *
   * @param message the message, with the content of this one send
   * @param businessNumberId the business number to send from; {@code null} for the configured one
   * @param finalPart whether this is the last send of the message (the one that reports delivery)
   */
  record SendToCustomer(OutboundMessage message, String businessNumberId, boolean finalPart)
      implements OutboxItem {
    public SendToCustomer {
      Objects.requireNonNull(message, "message");
    }

    /** The only send of a message. */
    public SendToCustomer(OutboundMessage message, String businessNumberId) {
      this(message, businessNumberId, true);
    }
  }

  /**
   * Shows the customer that an agent is typing (best effort: not retried).
   *
   * @param customer the customer
   * @param businessNumberId the business number the customer wrote to; {@code null} for the
   *     configured one
   * @param customerMessageId the channel's id of the customer's last message
   */
  record ShowTyping(CustomerId customer, String businessNumberId, String customerMessageId)
      implements OutboxItem {
    public ShowTyping {
      Objects.requireNonNull(customer, "customer");
      Objects.requireNonNull(customerMessageId, "customerMessageId");
    }
  }
}
