package dev.switchboard.domain.conversation;

import dev.switchboard.domain.customer.CustomerId;
import java.util.Objects;

/** The key that orders one customer's traffic: the customer's id as both sides write it. */
public record ConversationKey(String value) {

  public ConversationKey {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a conversation key must not be blank");
    }
  }

  public static ConversationKey of(CustomerId customer) {
    return new ConversationKey(customer.value());
  }
}
