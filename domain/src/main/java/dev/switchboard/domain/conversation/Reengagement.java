package dev.switchboard.domain.conversation;

import dev.switchboard.domain.message.OutboundContent;
import java.time.Duration;
import java.util.Objects;

/**
 * How a connection brings back a customer whose service window closed: instead of refusing an
 * agent's free-form message, it is held, the customer gets a pre-approved template once per closed
 * window, and the held messages go out when the customer writes again, unless they waited longer
 * than {@code hold}.
 *
 * @param template the template sent to the customer
 * @param hold how long a message is held at most; then the agent is told it expired
 */
public record Reengagement(OutboundContent.Template template, Duration hold) {

  /** How long messages are held unless configured otherwise. */
  public static final Duration DEFAULT_HOLD = Duration.ofDays(7);

  public Reengagement {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(hold, "hold");
    if (hold.isNegative() || hold.isZero()) {
      throw new IllegalArgumentException("a hold is longer than zero");
    }
  }
}
