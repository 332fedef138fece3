package dev.switchboard.domain.delivery;

import dev.switchboard.domain.customer.CustomerId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The channel's word on a message sent to a customer.
 *
 * @param channelMessageId the channel's id of the sent message (a WhatsApp wamid)
 * @param recipient the customer
 * @param status the reported state
 * @param at when the channel says it happened
 * @param failures the channel's errors, mapped; empty unless {@code status} is FAILED
 */
public record StatusReport(
    String channelMessageId,
    CustomerId recipient,
    DeliveryStatus status,
    Instant at,
    List<DeliveryFailure> failures) {

  public StatusReport {
    Objects.requireNonNull(channelMessageId, "channelMessageId");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(at, "at");
    failures = List.copyOf(failures);
  }
}
