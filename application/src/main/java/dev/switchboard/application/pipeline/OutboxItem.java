package dev.switchboard.application.pipeline;

import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.customer.ReplyRoute;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.OutboundMessage;
import dev.switchboard.domain.message.ReplyChoice;
import java.util.Objects;

/**
 * Something the bridge must still tell one side, on one connection; each is dispatched at least
 * once.
 */
public sealed interface OutboxItem
    permits OutboxItem.ForwardToContactCenter,
        OutboxItem.ReportToContactCenter,
        OutboxItem.AnswerToContactCenter,
        OutboxItem.SendToCustomer,
        OutboxItem.Reengage,
        OutboxItem.ShowTyping,
        OutboxItem.Acknowledge {

  /** The connection whose channel and contact center integration carry it. */
  ConnectionId connection();

  /** A customer's message for the contact center. */
  record ForwardToContactCenter(ConnectionId connection, InboundMessage message)
      implements OutboxItem {
    public ForwardToContactCenter {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(message, "message");
    }
  }

  /** A delivery receipt for the contact center. */
  record ReportToContactCenter(ConnectionId connection, DeliveryReceipt receipt)
      implements OutboxItem {
    public ReportToContactCenter {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(receipt, "receipt");
    }
  }

  /** The customer's tap on a quick reply the contact center offered. */
  record AnswerToContactCenter(ConnectionId connection, ReplyChoice choice) implements OutboxItem {
    public AnswerToContactCenter {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(choice, "choice");
    }
  }

  /**
   * One send of an agent's message to the customer.
   *
   * @param message the message, with the content of this one send
   * @param route how the channel last said the customer is reached; {@code null} when not known
   * @param finalPart whether this is the last send of the message
   * @param part its place among the message's sends, from 0 (sends queued by earlier releases read
   *     as 0)
   */
  record SendToCustomer(
      ConnectionId connection,
      OutboundMessage message,
      ReplyRoute route,
      boolean finalPart,
      int part)
      implements OutboxItem {
    public SendToCustomer {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(message, "message");
      if (part < 0) {
        throw new IllegalArgumentException("a part's place is never negative");
      }
    }

    /** The first (or only) send of a message. */
    public SendToCustomer(
        ConnectionId connection, OutboundMessage message, ReplyRoute route, boolean finalPart) {
      this(connection, message, route, finalPart, 0);
    }
  }

  /**
   * Sends the customer the connection's re-engagement template, because agents' messages are held
   * until the customer writes again; the agent hears of the held messages, not of this.
   *
   * @param message the template, to the customer, under an id of the bridge's
   * @param route how the channel last said the customer is reached; {@code null} when not known
   */
  record Reengage(ConnectionId connection, OutboundMessage message, ReplyRoute route)
      implements OutboxItem {
    public Reengage {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(message, "message");
      if (!message.content().isTemplate()) {
        throw new IllegalArgumentException("a customer is re-engaged with a template");
      }
    }
  }

  /**
   * Shows the customer that an agent is typing (best effort: not retried).
   *
   * @param route how the channel last said the customer is reached; {@code null} when not known
   * @param customerMessageId the channel's id of the customer's last message
   */
  record ShowTyping(
      ConnectionId connection, CustomerId customer, ReplyRoute route, String customerMessageId)
      implements OutboxItem {
    public ShowTyping {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(customer, "customer");
      Objects.requireNonNull(customerMessageId, "customerMessageId");
    }
  }

  /**
   * Tells the channel that a customer's message was taken, when it asked to be told (best effort:
   * not retried).
   *
   * @param token what the channel gave to acknowledge
   */
  record Acknowledge(ConnectionId connection, String token) implements OutboxItem {
    public Acknowledge {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(token, "token");
    }
  }
}
