package dev.switchboard.domain.delivery;

import java.util.Objects;

/** A reason for a failed delivery with a human-readable message. */
public record DeliveryFailure(FailureReason reason, String message) {
  public DeliveryFailure {
    Objects.requireNonNull(reason, "reason");
    message = message == null || message.isBlank() ? reason.name() : message;
  }
}
