package dev.switchboard.adapters.support;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a {@code Retry-After} header (delta-seconds or an HTTP date, RFC 9110) into the wait of a
 * retry ({@code DispatchOutcome.RetryLater#notBefore()}).
 */
public final class RetryAfter {

  /** Longer waits than this are taken as this: a wild header must not park a message for days. */
  public static final Duration LONGEST = Duration.ofHours(1);

  private RetryAfter() {}

  /**
   * How long the header asks to wait: never negative (a date in the past is zero), at most {@link
   * #LONGEST}.
   *
   * @param header the header's value; may be {@code null}
   * @param now the instant an HTTP date is measured from
   * @return the wait, or {@code null} when there is no header or it cannot be read
   */
  public static Duration parse(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.strip();
    Duration wait;
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        wait = Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException tooLong) {
        wait = LONGEST;
      }
    } else {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        wait = Duration.between(now, at);
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
    if (wait.isNegative()) {
      return Duration.ZERO;
    }
    return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
  }

  /** A {@code Retry-After} header value for {@code wait}: whole seconds, rounded up, at least 1. */
  public static String headerValue(Duration wait) {
    return String.valueOf(Math.max(1, (wait.toMillis() + 999) / 1000));
  }
}
