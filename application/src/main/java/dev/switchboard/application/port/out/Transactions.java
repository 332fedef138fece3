package dev.switchboard.application.port.out;

import java.util.function.Supplier;

/** Runs work atomically: all its writes are stored, or none. */
public interface Transactions {

  /** Runs {@code work} in one transaction; an exception rolls it back and is rethrown. */
  <T> T inTransaction(Supplier<T> work);

  /** Runs {@code work} in one transaction. */
  default void run(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }
}
