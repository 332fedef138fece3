package dev.switchboard.adapters.whatsapp;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a {@code Retry-After} header: delta-seconds or an HTTP date (RFC 9110). */
final class RetryAfter {

  /** Longer waits than this are taken as this: a wild header must not park a message for days. */
  static final Duration LONGEST = Duration.ofHours(1);

  private RetryAfter() {}

  /** How long the header asks to wait; {@code null} when there is none or it cannot be read. */
  static @Nullable Duration parse(@Nullable String header, Instant now) {
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
}
