package dev.switchboard.adapters.persistence;

import dev.switchboard.application.port.out.Transactions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@link Transactions} whose units of work, coming from many threads at once, share transactions:
 * one thread runs whatever work waits (up to {@code maxShared} units) in one transaction of the
 * underlying {@link Transactions}, so that they commit together ({@link GroupCommit}), and each
 * caller returns once its work committed. When a shared transaction fails, each of its units runs
 * again alone, so that a failing unit fails only its own caller; a unit may therefore run more than
 * once, and must do nothing outside the transaction.
 *
 * <p>Worth it where commits are costly and many threads commit small units at once: the dispatch
 * workers recording what their calls did. Work that itself runs work here joins the shared
 * transaction it is part of.
 */
public final class SharedTransactions implements Transactions, AutoCloseable {

  private final Transactions transactions;
  private final GroupCommit<Runnable> group;
  private final ThreadLocal<Boolean> sharing = ThreadLocal.withInitial(() -> false);

  /**
   * @param maxShared the most units of work one transaction runs
   * @param linger how long a transaction that is not full waits for more work before it runs
   */
  public SharedTransactions(
      String name, Transactions transactions, int maxShared, Duration linger) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.group =
        new GroupCommit<>(name, maxShared, Long.MAX_VALUE, work -> 1, this::runAll, linger);
  }

  private void runAll(List<Runnable> works) {
    sharing.set(true);
    try {
      transactions.run(() -> works.forEach(Runnable::run));
    } finally {
      sharing.set(false);
    }
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    Objects.requireNonNull(work, "work");
    if (sharing.get()) {
      return transactions.inTransaction(work); // joins the shared transaction it runs in
    }
    Result<T> result = new Result<>();
    try {
      group.submit(() -> result.value = work.get()).toCompletableFuture().join();
    } catch (CompletionException failed) {
      Throwable cause = failed.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw failed;
    }
    return result.value;
  }

  /** Runs what was submitted before, then stops; later work fails. */
  @Override
  public void close() throws InterruptedException {
    group.close(30, TimeUnit.SECONDS);
  }

  /** What the last run of a unit of work returned. */
  private static final class Result<T> {
    volatile T value;
  }
}
