package dev.switchboard.domain.channel;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A connection's name. A connection binds one customer-facing account (a WhatsApp business number,
 * a Telegram bot) to one contact center integration; every customer, conversation, window, lane and
 * dedupe id belongs to exactly one connection.
 *
 * @param value lower case letters and digits, 1 to 32 of them
 */
public record ConnectionId(String value) {

  // before DEFAULT: the constructor of DEFAULT needs it
  private static final Pattern NAME = Pattern.compile("[a-z0-9]{1,32}");

  /**
   * The connection that the top-level settings describe, and that data written before any other
   * connection existed belongs to.
   */
  public static final ConnectionId DEFAULT = new ConnectionId("default");

  public ConnectionId {
    Objects.requireNonNull(value, "value");
    if (!isValid(value)) {
      throw new IllegalArgumentException(
          "a connection name is 1 to 32 lower case letters and digits");
    }
  }

  /** Whether {@code name} is a valid connection name. */
  public static boolean isValid(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
