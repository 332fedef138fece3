package dev.switchboard.adapters.whatsapp;

import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;

/** Content that no WhatsApp request can carry; the send is refused with {@link #failure()}. */
final class UnsendableMessage extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient DeliveryFailure failure;

  UnsendableMessage(FailureReason reason, String message) {
    super(message, null, false, false);
    this.failure = new DeliveryFailure(reason, message);
  }

  DeliveryFailure failure() {
    return failure;
  }
}
