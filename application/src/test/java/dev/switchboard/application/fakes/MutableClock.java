package dev.switchboard.application.fakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** A {@link Clock} that stands still until a test moves it. */
public final class MutableClock extends Clock {

  private final ZoneId zone;
  private volatile Instant now;

  public MutableClock(Instant start) {
    this(start, ZoneOffset.UTC);
  }

  private MutableClock(Instant start, ZoneId zone) {
    this.now = Objects.requireNonNull(start, "start");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** A clock at 2025-03-01T12:00:00Z. */
  public static MutableClock atDefaultStart() {
    return new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
  }

  /** Moves the clock forward (or back, for a negative amount); returns the new time. */
  public synchronized Instant advance(Duration amount) {
    now = now.plus(amount);
    return now;
  }

  /** Sets the clock to {@code instant}. */
  public synchronized void set(Instant instant) {
    now = Objects.requireNonNull(instant, "instant");
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    // shares nothing: a clock in another zone starts at this one's time and moves on its own
    return new MutableClock(now, other);
  }

  @Override
  public String toString() {
    return "MutableClock[" + now + "]";
  }
}
