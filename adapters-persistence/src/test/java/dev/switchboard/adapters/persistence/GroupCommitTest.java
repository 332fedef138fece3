package dev.switchboard.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  /** Records each commit's items; the first commit can be held until released. */
  private static final class Store implements Consumer<List<String>> {
    final List<List<String>> commits = new ArrayList<>();
    final CountDownLatch firstStarted = new CountDownLatch(1);
    final CountDownLatch releaseFirst = new CountDownLatch(1);
    volatile boolean holdFirst;
    volatile String poison;
    volatile Error error;

    @Override
    public void accept(List<String> items) {
      boolean first;
      synchronized (this) {
        first = commits.isEmpty();
      }
      if (first && holdFirst) {
        firstStarted.countDown();
        await(releaseFirst);
      }
      Error e = error;
      if (e != null) {
        error = null;
        throw e;
      }
      if (poison != null && items.contains(poison)) {
        throw new IllegalStateException("cannot store " + poison);
      }
      synchronized (this) {
        commits.add(List.copyOf(items));
      }
    }

    synchronized List<List<String>> commits() {
      return List.copyOf(commits);
    }
  }

  private final Store store = new Store();
  private GroupCommit<String> group =
      new GroupCommit<>("test-writer", 4, 100, String::length, store);

  @AfterEach
  void close() throws InterruptedException {
    store.releaseFirst.countDown();
    group.close();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static void done(CompletableFuture<Void> stage) throws Exception {
    stage.get(10, TimeUnit.SECONDS);
  }

  private CompletableFuture<Void> submit(String item) {
    return group.submit(item).toCompletableFuture();
  }

  @Test
  void a_lone_item_is_committed_at_once_and_alone() throws Exception {
    done(submit("a"));

    assertThat(store.commits()).containsExactly(List.of("a"));
  }

  @Test
  void items_that_wait_while_a_commit_runs_share_the_next_commit_in_their_order() throws Exception {
    store.holdFirst = true;
    CompletableFuture<Void> first = submit("a");
    await(store.firstStarted);
    List<CompletableFuture<Void>> waiting = List.of(submit("b"), submit("c"), submit("d"));

    assertThat(first).isNotDone(); // its commit has not returned yet
    store.releaseFirst.countDown();
    for (CompletableFuture<Void> stage : waiting) {
      done(stage);
    }

    assertThat(store.commits()).containsExactly(List.of("a"), List.of("b", "c", "d"));
    assertThat(first).isCompleted();
  }

  @Test
  void a_commit_takes_at_most_max_items() throws Exception {
    store.holdFirst = true;
    submit("a");
    await(store.firstStarted);
    List<CompletableFuture<Void>> waiting = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      waiting.add(submit("i" + i));
    }
    store.releaseFirst.countDown();
    for (CompletableFuture<Void> stage : waiting) {
      done(stage);
    }

    assertThat(store.commits())
        .containsExactly(List.of("a"), List.of("i0", "i1", "i2", "i3"), List.of("i4", "i5"));
  }

  @Test
  void a_commit_stops_taking_items_once_it_holds_max_bytes_and_a_larger_item_goes_alone()
      throws Exception {
    store.holdFirst = true;
    submit("a");
    await(store.firstStarted);
    String sixty = "x".repeat(60);
    String fifty = "y".repeat(50);
    String big = "z".repeat(150);
    List<CompletableFuture<Void>> waiting = List.of(submit(sixty), submit(fifty), submit(big));
    store.releaseFirst.countDown();
    for (CompletableFuture<Void> stage : waiting) {
      done(stage);
    }

    assertThat(store.commits()).containsExactly(List.of("a"), List.of(sixty, fifty), List.of(big));
  }

  @Test
  void when_a_commit_fails_its_items_are_retried_alone_and_only_the_bad_one_fails()
      throws Exception {
    store.holdFirst = true;
    store.poison = "bad";
    submit("a");
    await(store.firstStarted);
    CompletableFuture<Void> before = submit("b");
    CompletableFuture<Void> bad = submit("bad");
    CompletableFuture<Void> after = submit("c");
    store.releaseFirst.countDown();

    done(before);
    done(after);
    assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasRootCauseMessage("cannot store bad");
    assertThat(store.commits()).containsExactly(List.of("a"), List.of("b"), List.of("c"));
  }

  @Test
  void an_error_thrown_by_a_commit_fails_its_item_and_the_writer_goes_on() throws Exception {
    store.error = new OutOfMemoryError("simulated");

    CompletableFuture<Void> failed = submit("a");
    assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(OutOfMemoryError.class);

    done(submit("b"));
    assertThat(store.commits()).containsExactly(List.of("b"));
  }

  @Test
  void close_commits_what_was_submitted_before_it_and_fails_what_comes_after() throws Exception {
    store.holdFirst = true;
    submit("a");
    await(store.firstStarted);
    CompletableFuture<Void> queued = submit("b");
    CompletableFuture<Void> closing =
        CompletableFuture.runAsync(
            () -> {
              try {
                group.close();
              } catch (InterruptedException e) {
                throw new AssertionError(e);
              }
            });
    while (!group.submit("probe").toCompletableFuture().isCompletedExceptionally()) {
      Thread.onSpinWait(); // until close() has taken effect
    }
    store.releaseFirst.countDown();
    closing.get(10, TimeUnit.SECONDS);

    assertThat(queued).isCompleted();
    assertThat(store.commits().get(0)).containsExactly("a");
    assertThat(store.commits().stream().flatMap(List::stream)).contains("b");
    assertThatThrownBy(() -> submit("late").get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasRootCauseMessage("test-writer is closed");
  }

  @Test
  void with_a_linger_items_that_come_a_little_apart_share_a_commit() throws Exception {
    group.close();
    group = new GroupCommit<>("test-writer", 4, 100, String::length, store, Duration.ofMillis(300));

    CompletableFuture<Void> first = submit("a");
    Thread.sleep(50);
    CompletableFuture<Void> second = submit("b");
    done(first);
    done(second);

    assertThat(store.commits()).containsExactly(List.of("a", "b"));
  }

  @Test
  void with_a_linger_a_full_batch_is_written_without_waiting() throws Exception {
    group.close();
    group = new GroupCommit<>("test-writer", 2, 100, String::length, store, Duration.ofSeconds(30));

    CompletableFuture<Void> first = submit("a");
    CompletableFuture<Void> second = submit("b");

    first.get(5, TimeUnit.SECONDS);
    second.get(5, TimeUnit.SECONDS);
    assertThat(store.commits()).containsExactly(List.of("a", "b"));
  }

  @Test
  void a_batch_bound_under_one_is_refused() {
    assertThatThrownBy(() -> new GroupCommit<String>("w", 0, 10, String::length, items -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GroupCommit<String>("w", 10, 0, String::length, items -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
