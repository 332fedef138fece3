package dev.switchboard.application.fakes;

import dev.switchboard.application.pipeline.Wakeup;
import java.time.Duration;

/** Tells whether a {@link Wakeup} holds a signal, by waiting on it (which consumes the signal). */
public final class WakeupProbe {

  private static final Duration PATIENCE = Duration.ofSeconds(1);

  private WakeupProbe() {}

  /**
   * Whether {@code wakeup} was signalled: a signalled wakeup returns at once, an unsignalled one
   * only after waiting a full second.
   */
  public static boolean wasSignalled(Wakeup wakeup) {
    long start = System.nanoTime();
    try {
      wakeup.await(PATIENCE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while probing a wakeup", e);
    }
    return System.nanoTime() - start < PATIENCE.toNanos();
  }
}
