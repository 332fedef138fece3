package dev.switchboard.application.service;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter for calls that failed in passing: the n-th retry waits between
 * half and all of {@code min(cap, base * 2^(n-1))}, and never less than the other side asked
 * (Retry-After). After {@code giveUpAfter} an entry is dead-lettered.
 */
public final class RetryPolicy {

  private final Duration base;
  private final Duration cap;
  private final Duration giveUpAfter;
  private final RandomGenerator random;

  public RetryPolicy(Duration base, Duration cap, Duration giveUpAfter, RandomGenerator random) {
    this.base = Objects.requireNonNull(base, "base");
    this.cap = Objects.requireNonNull(cap, "cap");
    this.giveUpAfter = Objects.requireNonNull(giveUpAfter, "giveUpAfter");
    this.random = Objects.requireNonNull(random, "random");
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= cap");
    }
  }

  /** The usual policy: from 0.5 s, doubling up to 5 min, for 24 h. */
  public static RetryPolicy standard() {
    return new RetryPolicy(
        Duration.ofMillis(500),
        Duration.ofMinutes(5),
        Duration.ofHours(24),
        RandomGenerator.getDefault());
  }

  /**
   * How long to wait before retry number {@code retry} (1 for the first).
   *
   * @param retryAfter what the other side asked for; {@code null} when it did not say
   */
  public Duration delayBefore(int retry, Duration retryAfter) {
    if (retry < 1) {
      throw new IllegalArgumentException("retries count from 1");
    }
    long ceiling = cap.toMillis();
    long step = base.toMillis();
    for (int i = 1; i < retry && step < ceiling; i++) {
      step *= 2;
    }
    step = Math.min(step, ceiling);
    long half = step / 2;
    Duration jittered = Duration.ofMillis(half + random.nextLong(step - half + 1));
    if (retryAfter != null && retryAfter.compareTo(jittered) > 0) {
      return retryAfter;
    }
    return jittered;
  }

  /** Whether an entry waiting since {@code age} ago is to be given up. */
  public boolean givesUp(Duration age) {
    return age.compareTo(giveUpAfter) >= 0;
  }
}
