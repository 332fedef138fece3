package dev.switchboard.application.pipeline;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes a worker that waits for work: signals coalesce, so a signal given while the worker is busy
 * makes its next wait return at once.
 */
public final class Wakeup {

  private final Semaphore signals = new Semaphore(0);

  /** Tells the worker there may be work. */
  public void signal() {
    if (signals.availablePermits() == 0) {
      signals.release();
    }
  }

  /** Waits until signalled or {@code timeout} passes. */
  public void await(Duration timeout) throws InterruptedException {
    if (signals.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      signals.drainPermits();
    }
  }
}
