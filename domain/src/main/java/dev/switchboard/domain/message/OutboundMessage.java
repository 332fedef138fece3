package dev.switchboard.domain.message;

import dev.switchboard.domain.customer.CustomerId;
import java.util.Objects;

/**
 * A message the contact center sends to a customer.
 *
 * @param contactCenterMessageId the contact center's id of the message: stable across redeliveries
 * @param recipient the customer
 * @param content what to send
 */
public record OutboundMessage(
    String contactCenterMessageId, CustomerId recipient, OutboundContent content) {

  public OutboundMessage {
    Objects.requireNonNull(contactCenterMessageId, "contactCenterMessageId");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(content, "content");
    if (contactCenterMessageId.isBlank()) {
      throw new IllegalArgumentException("a message needs its contact center id");
    }
  }
}
