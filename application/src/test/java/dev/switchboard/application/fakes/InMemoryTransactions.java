package dev.switchboard.application.fakes;

import dev.switchboard.application.port.out.Transactions;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@link Transactions} that run the work directly: there is nothing to roll back in memory, so a
 * failed unit of work keeps the writes it made before it failed. Counts the units of work.
 */
public final class InMemoryTransactions implements Transactions {

  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    started.incrementAndGet();
    try {
      return work.get();
    } catch (RuntimeException | Error e) {
      failed.incrementAndGet();
      throw e;
    }
  }

  /** How many units of work were started. */
  public int started() {
    return started.get();
  }

  /** How many units of work ended in an exception. */
  public int failed() {
    return failed.get();
  }
}
