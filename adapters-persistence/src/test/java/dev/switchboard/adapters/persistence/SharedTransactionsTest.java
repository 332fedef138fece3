package dev.switchboard.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.port.out.Transactions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedTransactionsTest {

  /**
   * Counts transactions and keeps the effects of committed ones only; the first transaction can be
   * held open until released, so that work queues up behind it.
   */
  private static final class CountingTransactions implements Transactions {
    final AtomicInteger started = new AtomicInteger();
    final List<String> committed = new ArrayList<>();
    final ThreadLocal<List<String>> pending = new ThreadLocal<>();
    final CountDownLatch firstStarted = new CountDownLatch(1);
    final CountDownLatch releaseFirst = new CountDownLatch(1);
    volatile boolean holdFirst;

    @Override
    public <T> T inTransaction(Supplier<T> work) {
      if (pending.get() != null) {
        return work.get(); // joins
      }
      boolean first = started.getAndIncrement() == 0;
      if (first && holdFirst) {
        firstStarted.countDown();
        await(releaseFirst);
      }
      pending.set(new ArrayList<>());
      try {
        T result = work.get();
        synchronized (committed) {
          committed.addAll(pending.get());
        }
        return result;
      } finally {
        pending.remove();
      }
    }

    void write(String effect) {
      pending.get().add(effect);
    }

    List<String> committed() {
      synchronized (committed) {
        return List.copyOf(committed);
      }
    }
  }

  private final CountingTransactions underlying = new CountingTransactions();
  private final SharedTransactions shared =
      new SharedTransactions("test-shared", underlying, 8, Duration.ZERO);
  private final ExecutorService callers = Executors.newFixedThreadPool(8);

  @AfterEach
  void close() throws InterruptedException {
    underlying.releaseFirst.countDown();
    callers.shutdownNow();
    shared.close();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void a_lone_unit_commits_in_a_transaction_and_returns_what_it_returned() {
    String result =
        shared.inTransaction(
            () -> {
              underlying.write("a");
              return "done";
            });

    assertThat(result).isEqualTo("done");
    assertThat(underlying.committed()).containsExactly("a");
    assertThat(underlying.started).hasValue(1);
  }

  @Test
  void units_that_wait_while_a_transaction_runs_share_the_next_one() throws Exception {
    underlying.holdFirst = true;
    Future<?> first = callers.submit(() -> shared.run(() -> underlying.write("first")));
    await(underlying.firstStarted);
    List<Future<?>> waiting = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String effect = "w" + i;
      waiting.add(callers.submit(() -> shared.run(() -> underlying.write(effect))));
    }
    Thread.sleep(200); // all six queued behind the held transaction
    underlying.releaseFirst.countDown();

    first.get(10, TimeUnit.SECONDS);
    for (Future<?> call : waiting) {
      call.get(10, TimeUnit.SECONDS);
    }
    assertThat(underlying.committed())
        .containsExactlyInAnyOrder("first", "w0", "w1", "w2", "w3", "w4", "w5");
    assertThat(underlying.started).hasValue(2);
  }

  @Test
  void a_failing_unit_fails_only_its_caller_and_the_others_commit() throws Exception {
    underlying.holdFirst = true;
    Future<?> first = callers.submit(() -> shared.run(() -> underlying.write("first")));
    await(underlying.firstStarted);
    Future<?> good = callers.submit(() -> shared.run(() -> underlying.write("good")));
    Future<?> bad =
        callers.submit(
            () ->
                shared.run(
                    () -> {
                      underlying.write("bad");
                      throw new IllegalStateException("refused");
                    }));
    Thread.sleep(200);
    underlying.releaseFirst.countDown();

    first.get(10, TimeUnit.SECONDS);
    good.get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasRootCauseMessage("refused");
    assertThat(underlying.committed()).containsExactlyInAnyOrder("first", "good");
  }

  @Test
  void work_started_inside_a_shared_unit_joins_it() {
    shared.run(() -> shared.run(() -> underlying.write("inner")));

    assertThat(underlying.committed()).containsExactly("inner");
    assertThat(underlying.started).hasValue(1);
  }

  @Test
  void after_close_work_is_refused() throws InterruptedException {
    shared.close();

    assertThatThrownBy(() -> shared.run(() -> underlying.write("late")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(underlying.committed()).isEmpty();
  }
}
