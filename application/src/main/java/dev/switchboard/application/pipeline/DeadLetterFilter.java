package dev.switchboard.application.pipeline;

import dev.switchboard.domain.channel.ConnectionId;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Which dead letters an operator means: every criterion given narrows the choice, a {@code null}
 * one does not.
 *
 * @param kind webhooks or outbox entries; {@code null} for both
 * @param connection the connection they concern; {@code null} for any
 * @param reason a piece of their reason, compared ignoring case; {@code null} for any
 * @param from set aside at or after this; {@code null} for any time
 * @param to set aside before this; {@code null} for any time
 */
public record DeadLetterFilter(
    Kind kind, ConnectionId connection, String reason, Instant from, Instant to) {

  /** The longest piece of a reason one can look for. */
  public static final int MAX_REASON_LENGTH = 200;

  /** Every dead letter. */
  public static final DeadLetterFilter ALL = new DeadLetterFilter(null, null, null, null, null);

  public DeadLetterFilter {
    if (reason != null && (reason.isEmpty() || reason.length() > MAX_REASON_LENGTH)) {
      throw new IllegalArgumentException(
          "reason must be 1 to " + MAX_REASON_LENGTH + " characters");
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw new IllegalArgumentException("from (" + from + ") is after to (" + to + ")");
    }
  }

  /** The same choice, leaving out what was set aside at or after {@code end}. */
  public DeadLetterFilter until(Instant end) {
    Objects.requireNonNull(end, "end");
    Instant bound = to == null || end.isBefore(to) ? end : to;
    Instant start = from == null || !from.isAfter(bound) ? from : bound;
    return new DeadLetterFilter(kind, connection, reason, start, bound);
  }

  /** Whether {@code letter} is one of those meant. */
  public boolean matches(DeadLetter letter) {
    Objects.requireNonNull(letter, "letter");
    return (kind == null || kind == Kind.of(letter))
        && (connection == null || connection.equals(letter.connection()))
        && (reason == null
            || letter.reason().toLowerCase(Locale.ROOT).contains(reason.toLowerCase(Locale.ROOT)))
        && (from == null || !letter.at().isBefore(from))
        && (to == null || letter.at().isBefore(to));
  }

  /** The criteria, for a log line: what an operator asked for, never a letter's content. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    if (kind != null) {
      text.append(" kind=").append(kind.value());
    }
    if (connection != null) {
      text.append(" connection=").append(connection.value());
    }
    if (reason != null) {
      text.append(" reason=\"").append(reason).append('"');
    }
    if (from != null) {
      text.append(" from=").append(from);
    }
    if (to != null) {
      text.append(" to=").append(to);
    }
    return text.length() == 0 ? "(all)" : text.substring(1);
  }

  /** What a dead letter holds. */
  public enum Kind {
    WEBHOOK,
    OUTBOX;

    /** The kind as the admin API names it: {@code webhook} or {@code outbox}. */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind named {@code value}.
     *
     * @throws IllegalArgumentException when it names none
     */
    public static Kind parse(String value) {
      Objects.requireNonNull(value, "value");
      for (Kind kind : values()) {
        if (kind.value().equals(value)) {
          return kind;
        }
      }
      throw new IllegalArgumentException("unknown kind '" + value + "': webhook or outbox");
    }

    /** The kind of {@code letter}. */
    public static Kind of(DeadLetter letter) {
      return letter.webhook() != null ? WEBHOOK : OUTBOX;
    }
  }
}
