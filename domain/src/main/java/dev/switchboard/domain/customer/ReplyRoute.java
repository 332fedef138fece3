package dev.switchboard.domain.customer;

import java.util.Objects;

/**
 * How to reach a customer again, as the channel wants it (a Telegram chat id, for instance): opaque
 * to the core, which keeps the latest one of each conversation and hands it back to the channel
 * with every send.
 *
 * @param value the channel's own form, never blank
 */
public record ReplyRoute(String value) {

  /** The longest route kept. */
  public static final int MAX_LENGTH = 256;

  public ReplyRoute {
    Objects.requireNonNull(value, "value");
    if (value.isBlank() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a reply route is 1 to " + MAX_LENGTH + " characters, not blank");
    }
  }
}
