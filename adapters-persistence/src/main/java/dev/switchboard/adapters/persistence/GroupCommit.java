package dev.switchboard.adapters.persistence;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Group commit: writes submitted by any number of callers are queued, and one writer thread takes
 * whatever is waiting (at most {@code maxItems} items or about {@code maxBytes} bytes) and writes
 * it with one call of {@code writeAll}, which commits once; then it completes each caller's stage.
 * A lone write is committed at once, and under load one commit serves many callers, as databases do
 * for their own log.
 *
 * <p>Items are written in the order they were submitted, and their stages complete in that order,
 * on the writer thread, right after the commit: what waits on a stage must not block (an HTTP
 * answer only hands its response to its event loop). Handing the completions to a thread of their
 * own costs a thread switch per batch, which on two cores cut the accept path's throughput by about
 * a fifth (docs/BENCHMARKS.md). When a batch fails, each of its items is written again alone, so
 * that one bad item fails only its own caller. A stage completes only after its item's commit
 * returned, or exceptionally; never both, never neither: {@link #close} writes what was submitted
 * before it and fails what comes after.
 */
public final class GroupCommit<T> implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(GroupCommit.class.getName());

  private final String name;
  private final int maxItems;
  private final long maxBytes;
  private final ToLongFunction<T> bytes;
  private final Consumer<List<T>> writeAll;
  private final long lingerNanos;
  private final BlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private final Object submitting = new Object();
  private boolean closed; // guarded by submitting

  /**
   * @param name the writer thread's name
   * @param maxItems the most items one commit takes
   * @param maxBytes once a batch holds this many bytes it takes no more (one larger item is taken
   *     alone)
   * @param bytes an item's size
   * @param writeAll writes the items, in order, in one transaction, and commits; throws when they
   *     are not all stored
   */
  public GroupCommit(
      String name,
      int maxItems,
      long maxBytes,
      ToLongFunction<T> bytes,
      Consumer<List<T>> writeAll) {
    this(name, maxItems, maxBytes, bytes, writeAll, Duration.ZERO);
  }

  /**
   * @param linger how long a batch that is not full waits for more items before it is written
   *     (zero: it is written at once): a commit then serves more items when they come a little
   *     apart (as Kafka's {@code linger.ms}), at the cost of that wait
   */
  public GroupCommit(
      String name,
      int maxItems,
      long maxBytes,
      ToLongFunction<T> bytes,
      Consumer<List<T>> writeAll,
      Duration linger) {
    if (maxItems < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("a batch must be allowed at least one item and one byte");
    }
    this.name = Objects.requireNonNull(name, "name");
    this.maxItems = maxItems;
    this.maxBytes = maxBytes;
    this.bytes = Objects.requireNonNull(bytes, "bytes");
    this.writeAll = Objects.requireNonNull(writeAll, "writeAll");
    if (linger.isNegative()) {
      throw new IllegalArgumentException("the linger must not be negative");
    }
    this.lingerNanos = linger.toNanos();
    this.writer = new Thread(this::run, name);
    writer.setDaemon(true);
    writer.start();
  }

  /** Queues {@code item}; the stage completes once it is committed, or with why it is not. */
  public CompletionStage<Void> submit(T item) {
    Objects.requireNonNull(item, "item");
    Pending<T> pending = new Pending<>(item, new CompletableFuture<>());
    synchronized (submitting) {
      if (closed) {
        return CompletableFuture.failedStage(new IllegalStateException(name + " is closed"));
      }
      queue.add(pending);
    }
    return pending.done();
  }

  /**
   * Writes everything submitted so far, then stops the writer; later submissions fail. Waits at
   * most {@code patience} for the writer.
   */
  public void close(long patience, TimeUnit unit) throws InterruptedException {
    synchronized (submitting) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(Pending.stop());
    }
    writer.join(unit.toMillis(patience));
  }

  @Override
  public void close() throws InterruptedException {
    close(30, TimeUnit.SECONDS);
  }

  private void run() {
    List<Pending<T>> batch = new ArrayList<>(maxItems);
    boolean stopping = false;
    while (!stopping) {
      Pending<T> first;
      try {
        first = queue.take();
      } catch (InterruptedException e) {
        continue; // only close() ends the writer, so that nothing queued is left behind
      }
      if (first.isStop()) {
        break;
      }
      batch.add(first);
      long size = bytes.applyAsLong(first.item());
      long lingerUntil = System.nanoTime() + lingerNanos;
      while (batch.size() < maxItems && size < maxBytes) {
        Pending<T> next = queue.poll();
        if (next == null && lingerNanos > 0) {
          next = pollUntil(lingerUntil);
        }
        if (next == null) {
          break;
        }
        if (next.isStop()) {
          stopping = true;
          break;
        }
        batch.add(next);
        size += bytes.applyAsLong(next.item());
      }
      commit(batch);
      batch.clear();
    }
  }

  private Pending<T> pollUntil(long deadline) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      return null;
    }
    try {
      return queue.poll(left, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      return null; // write what there is; only close() ends the writer
    }
  }

  private void commit(List<Pending<T>> batch) {
    List<Pending<T>> committed = List.copyOf(batch);
    try {
      writeAll.accept(committed.stream().map(Pending::item).toList());
    } catch (Throwable batchFailed) {
      if (committed.size() == 1) {
        complete(committed.get(0), batchFailed);
        return;
      }
      LOG.log(
          Level.WARNING,
          "{0}: a commit of {1} items failed ({2}); writing them one by one",
          name,
          committed.size(),
          batchFailed.toString());
      committed.forEach(this::commitAlone);
      return;
    }
    committed.forEach(pending -> pending.done().complete(null));
  }

  private void commitAlone(Pending<T> pending) {
    try {
      writeAll.accept(List.of(pending.item()));
    } catch (Throwable failed) {
      complete(pending, failed);
      return;
    }
    complete(pending, null);
  }

  private static <T> void complete(Pending<T> pending, Throwable failure) {
    if (failure == null) {
      pending.done().complete(null);
    } else {
      pending.done().completeExceptionally(failure);
    }
  }

  private record Pending<T>(T item, CompletableFuture<Void> done) {

    static <T> Pending<T> stop() {
      return new Pending<>(null, null);
    }

    boolean isStop() {
      return done == null;
    }
  }
}
