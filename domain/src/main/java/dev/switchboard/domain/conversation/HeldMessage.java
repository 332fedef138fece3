package dev.switchboard.domain.conversation;

import dev.switchboard.domain.message.OutboundMessage;
import java.time.Instant;
import java.util.Objects;

/**
 * An agent's message held until the customer writes again (their service window was closed).
 *
 * @param message the message as the agent sent it
 * @param heldAt when it was held
 */
public record HeldMessage(OutboundMessage message, Instant heldAt) {
  public HeldMessage {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(heldAt, "heldAt");
  }

  /** Whether it has been held longer than {@code hold} at {@code now}. */
  public boolean expiredAt(Instant now, java.time.Duration hold) {
    return !now.isBefore(heldAt.plus(hold));
  }
}
