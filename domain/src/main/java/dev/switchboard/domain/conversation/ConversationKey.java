package dev.switchboard.domain.conversation;

import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import java.util.Objects;

/**
 * The key that orders one customer's traffic on one connection: a customer who writes to two
 * numbers has two conversations, each with its own window.
 */
public record ConversationKey(ConnectionId connection, CustomerId customer) {

  public ConversationKey {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(customer, "customer");
  }

  /** The key as text: the connection's name and the customer's id, e.g. {@code sales:+1650...}. */
  public String value() {
    return connection.value() + ":" + customer.value();
  }
}
