package dev.switchboard.domain.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A customer service window: on a channel that has one (WhatsApp's lasts 24 hours), free-form
 * messages may be sent for a while after the customer's last message. A window of length {@code L}
 * is open at {@code t} when {@code t < last + L}, that is: at exactly {@code L} after the last
 * message it is closed (and a message time slightly ahead of the bridge's clock already counts as
 * open).
 *
 * @param lastCustomerMessageAt the customer's latest message time; {@code null} when the customer
 *     has never written
 */
public record MessageWindow(Instant lastCustomerMessageAt) {

  private static final MessageWindow NEVER_OPENED = new MessageWindow(null);

  /** A window that was never opened: the customer has not written. */
  public static MessageWindow neverOpened() {
    return NEVER_OPENED;
  }

  /** Whether a free-form message may be sent at {@code now} in a window of {@code length}. */
  public boolean isOpenAt(Instant now, Duration length) {
    return lastCustomerMessageAt != null && now.isBefore(lastCustomerMessageAt.plus(length));
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

  /** When a window of {@code length} closes, if it was ever opened. */
  public Optional<Instant> closesAt(Duration length) {
    return Optional.ofNullable(lastCustomerMessageAt).map(t -> t.plus(length));
  }
}
