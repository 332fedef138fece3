package dev.switchboard.domain.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * WhatsApp's customer service window: free-form messages may be sent for 24 hours after the
 * customer's last message. The window is open at {@code t} when {@code t < last + 24h}, that is: at
 * exactly 24 hours after the last message it is closed (and a message time slightly ahead of the
 * bridge's clock already counts as open).
 *
 * @param lastCustomerMessageAt the customer's latest message time; {@code null} when the customer
 *     has never written
 */
public record MessageWindow(Instant lastCustomerMessageAt) {

  /** How long the window stays open after the customer's last message. */
  public static final Duration LENGTH = Duration.ofHours(24);

  private static final MessageWindow NEVER_OPENED = new MessageWindow(null);

  /** A window that was never opened: the customer has not written. */
  public static MessageWindow neverOpened() {
    return NEVER_OPENED;
  }

  /** Whether a free-form message may be sent at {@code now}. */
  public boolean isOpenAt(Instant now) {
    return lastCustomerMessageAt != null && now.isBefore(lastCustomerMessageAt.plus(LENGTH));
  }

  /**
   * The window after the customer wrote at {@code messageTime}; a message older than the latest one
   * known (a late webhook) never shrinks it.
   */
  public MessageWindow reopenedBy(Instant messageTime) {
    if (lastCustomerMessageAt != null && !messageTime.isAfter(lastCustomerMessageAt)) {
      return this;
    }
    return new MessageWindow(messageTime);
  }

  /** When the window closes, if it was ever opened. */
  public Optional<Instant> closesAt() {
    return Optional.ofNullable(lastCustomerMessageAt).map(t -> t.plus(LENGTH));
  }
}
