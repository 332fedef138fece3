package dev.switchboard.adapters.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ReturnListener;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes persistent messages to one queue without waiting for the broker: {@link #publish}
 * returns at once a future that completes once the broker confirmed the message (it is then on the
 * broker's disk), or exceptionally with a {@link RabbitMqUnavailableException} when the broker
 * refused it (a nack), could not route it (it is published as mandatory, so the broker returns it),
 * the channel closed before the confirm came, or no confirm came within the timeout. The futures
 * complete in publish order, each once every earlier one is settled; one whose message could not
 * even be written fails at once.
 *
 * <p>The messages go out on a channel in confirm mode of its own, on the publishing connection of
 * {@link RabbitMqConnections}; publishes take turns on it (a lock held only while the message is
 * written to the socket) and are tracked by their publish sequence number. When the channel closes
 * (a channel error, the connection lost), everything outstanding on it fails and the next publish
 * opens a new channel; the old one is closed, not left to the connection's automatic recovery,
 * whose re-opened channel would number its publishes from 1 again.
 *
 * <p>The futures are completed, and the timeouts checked (every second, or more often for a shorter
 * timeout), by a daemon thread of its own ({@value #THREAD}), so that neither the client's
 * connection thread, which reads the confirms, nor the publishing threads run what depends on them;
 * such dependents must not block, or every later completion waits for them. The same thread
 * declares the queues again after the broker returned a message, before the message's failure is
 * reported, and closes discarded channels (waiting at most 10 s for the broker's answer).
 */
final class ConfirmedPublisher implements AutoCloseable {

  static final String THREAD = "switchboard-rabbitmq-confirms";

  private static final Logger LOG = LoggerFactory.getLogger(ConfirmedPublisher.class);
  private static final long MAX_CHECK_MILLIS = 1000;
  private static final long MIN_CHECK_MILLIS = 10;

  private final RabbitMqConnections connections;
  private final String queue;
  private final Duration timeout;
  private final long timeoutNanos;
  private final ScheduledThreadPoolExecutor worker;
  private final ReentrantLock publishing = new ReentrantLock();
  private final Object opening = new Object();

  /** Guards the settling of every {@link Pending}: their outcome, and their leaving the maps. */
  private final Object settling = new Object();

  private final AtomicBoolean redeclareQueued = new AtomicBoolean();
  private volatile Confirms current;
  private volatile boolean closed;

  /**
   * @param connections where the channel is opened
   * @param queue the queue published to, through the default exchange
   * @param timeout how long a message may wait for its confirm
   */
  ConfirmedPublisher(RabbitMqConnections connections, String queue, Duration timeout) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the confirm timeout must be positive");
    }
    this.timeoutNanos = timeout.toNanos();
    this.worker =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, THREAD);
              thread.setDaemon(true);
              return thread;
            });
    worker.setRemoveOnCancelPolicy(true);
    long checkMillis =
        Math.max(MIN_CHECK_MILLIS, Math.min(MAX_CHECK_MILLIS, timeout.toMillis() / 2));
    worker.scheduleWithFixedDelay(this::expire, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Publishes a message, persistent as {@code properties} say, to the queue; never throws for a
   * failure to publish, which fails the future instead (at once when the channel cannot be opened
   * or the message cannot be written). Its {@linkplain AMQP.BasicProperties#getMessageId() message
   * id} identifies it when the broker returns it, so it must be unique among the messages
   * outstanding.
   *
   * <p>May block the caller only to open the channel, when none is open (within the bounds given in
   * {@link RabbitMqConnections}; while the connection is down this fails at once), and while
   * another caller writes its message.
   */
  CompletableFuture<Void> publish(AMQP.BasicProperties properties, byte[] body) {
    Objects.requireNonNull(properties, "properties");
    Objects.requireNonNull(body, "body");
    if (closed) {
      return CompletableFuture.failedFuture(closedFailure());
    }
    if (connections.publishersBlocked()) {
      return CompletableFuture.failedFuture(
          new RabbitMqUnavailableException("RabbitMQ blocks publishers (a resource alarm)"));
    }
    Confirms confirms;
    try {
      confirms = confirms();
    } catch (RabbitMqUnavailableException e) {
      return CompletableFuture.failedFuture(e);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(
          new RabbitMqUnavailableException(
              "cannot open a RabbitMQ channel: " + Failures.describe(e), e));
    }
    Pending pending;
    RabbitMqUnavailableException unsent = null;
    publishing.lock();
    try {
      long sequence = confirms.channel.getNextPublishSeqNo();
      pending = new Pending(properties.getMessageId(), System.nanoTime());
      confirms.outstanding.put(sequence, pending);
      try {
        confirms.channel.basicPublish("", queue, true, properties, body);
      } catch (IOException | RuntimeException e) {
        unsent =
            new RabbitMqUnavailableException(
                "cannot publish to RabbitMQ: " + Failures.describe(e), e);
      }
    } finally {
      publishing.unlock();
    }
    if (unsent != null) {
      synchronized (settling) {
        pending.fail(unsent);
      }
      // not published, so not in the order: the caller hears of it at once
      pending.future.completeExceptionally(unsent);
      // the channel counted the message whether or not it went out: its numbering is unsure now
      discard(
          confirms,
          new RabbitMqUnavailableException(
              "the RabbitMQ publishing channel was given up after a publish on it failed"));
    } else if (confirms.dead) {
      // the channel closed while this was published: its shutdown may have missed this message
      failAll(confirms, confirms.deathCause());
    }
    return pending.future;
  }

  /** The channel open for publishing, opened first if need be. */
  private Confirms confirms() {
    Confirms confirms = current;
    if (confirms != null && confirms.usable()) {
      return confirms;
    }
    synchronized (opening) {
      confirms = current;
      if (confirms != null && confirms.usable()) {
        return confirms;
      }
      if (confirms != null) {
        current = null;
        // its shutdown may not have been reported yet: fail what it holds before anything newer
        discard(confirms, new RabbitMqUnavailableException(channelClosed(null)));
      }
      if (closed) {
        throw closedFailure();
      }
      Channel channel = connections.confirmChannel();
      Confirms fresh = new Confirms(channel);
      channel.addConfirmListener(fresh);
      channel.addReturnListener(fresh);
      // called at once when the channel closed already
      channel.addShutdownListener(fresh);
      current = fresh;
      return fresh;
    }
  }

  /** Fails everything outstanding on a channel, and closes it (on the worker). Idempotent. */
  private void discard(Confirms confirms, RabbitMqUnavailableException failure) {
    confirms.die(failure);
    failAll(confirms, confirms.deathCause());
    if (confirms.aborted.compareAndSet(false, true)) {
      run(() -> RabbitMqConnections.abortQuietly(confirms.channel));
    }
  }

  private void failAll(Confirms confirms, RabbitMqUnavailableException failure) {
    synchronized (settling) {
      for (Pending pending : confirms.outstanding.values()) {
        pending.fail(failure);
      }
      drain(confirms);
    }
  }

  /** Fails what waited too long for its confirm; on the worker. */
  private void expire() {
    try {
      Confirms confirms = current;
      if (confirms == null) {
        return;
      }
      long now = System.nanoTime();
      synchronized (settling) {
        // in sequence order, which is publish order: the first one young enough ends the search
        for (Pending pending : confirms.outstanding.values()) {
          if (now - pending.publishedAt < timeoutNanos) {
            break;
          }
          pending.fail(
              new RabbitMqUnavailableException("RabbitMQ did not confirm within " + timeout));
        }
        drain(confirms);
      }
    } catch (RuntimeException e) {
      // a periodic task that throws is never run again
      LOG.error("checking the RabbitMQ confirm timeouts failed", e);
    }
  }

  /**
   * Takes the settled messages at the head of the channel's outstanding ones off it, and completes
   * their futures in that order on the worker. Holds {@link #settling}: deliveries are queued on
   * the single worker in the order they are settled.
   */
  private void drain(Confirms confirms) {
    List<Pending> settled = null;
    for (Map.Entry<Long, Pending> head = confirms.outstanding.firstEntry();
        head != null && head.getValue().settled;
        head = confirms.outstanding.firstEntry()) {
      confirms.outstanding.remove(head.getKey(), head.getValue());
      if (settled == null) {
        settled = new ArrayList<>();
      }
      settled.add(head.getValue());
    }
    if (settled != null) {
      List<Pending> done = settled;
      run(() -> done.forEach(Pending::complete));
    }
  }

  /** Runs a task on the worker; once it has stopped, here and now. */
  private void run(Runnable task) {
    try {
      worker.execute(task);
    } catch (RejectedExecutionException stopped) {
      task.run();
    }
  }

  private void requestRedeclare() {
    if (redeclareQueued.compareAndSet(false, true)) {
      run(
          () -> {
            redeclareQueued.set(false);
            connections.redeclareTopology();
          });
    }
  }

  /** The channel in use, or null; for tests. */
  Channel channel() {
    Confirms confirms = current;
    return confirms == null ? null : confirms.channel;
  }

  /** How many messages wait for their outcome to be settled and reported; for tests. */
  int outstanding() {
    Confirms confirms = current;
    return confirms == null ? 0 : confirms.outstanding.size();
  }

  /** Fails everything outstanding and closes the channel; publishing fails from then on. */
  @Override
  public void close() {
    closed = true;
    Confirms confirms;
    synchronized (opening) {
      confirms = current;
      current = null;
    }
    if (confirms != null) {
      discard(confirms, closedFailure());
    }
    // what is queued still runs: the failures just reported, the channel's closing
    worker.shutdown();
  }

  private static RabbitMqUnavailableException closedFailure() {
    return new RabbitMqUnavailableException("the RabbitMQ inbox is closed");
  }

  private static String channelClosed(ShutdownSignalException cause) {
    return "the RabbitMQ publishing channel closed before the broker confirmed"
        + (cause == null ? "" : ": " + cause.getMessage());
  }

  @Override
  public String toString() {
    return "ConfirmedPublisher[" + queue + "]";
  }

  /** One message waiting for the broker; its outcome is guarded by {@link #settling}. */
  private static final class Pending {
    final CompletableFuture<Void> future = new CompletableFuture<>();
    final String messageId;
    final long publishedAt;
    boolean settled;
    RabbitMqUnavailableException failure;

    Pending(String messageId, long publishedAt) {
      this.messageId = messageId;
      this.publishedAt = publishedAt;
    }

    void confirm() {
      settled = true;
    }

    void fail(RabbitMqUnavailableException why) {
      if (!settled) {
        settled = true;
        failure = why;
      }
    }

    /** On the worker, after {@link #drain} published the outcome to it. */
    void complete() {
      if (failure == null) {
        future.complete(null);
      } else {
        future.completeExceptionally(failure);
      }
    }
  }

  /**
   * A confirm channel and the messages outstanding on it, by publish sequence number; the listener
   * of its confirms, returns and shutdown. The listeners run on the client's connection thread:
   * they only settle, never block, and never throw (the client would close the channel).
   */
  private final class Confirms implements ConfirmListener, ReturnListener, ShutdownListener {
    final Channel channel;
    final ConcurrentSkipListMap<Long, Pending> outstanding = new ConcurrentSkipListMap<>();
    final AtomicBoolean aborted = new AtomicBoolean();
    volatile boolean dead;
    private volatile RabbitMqUnavailableException deathCause;

    Confirms(Channel channel) {
      this.channel = channel;
    }

    boolean usable() {
      return !dead && channel.isOpen();
    }

    /** Marks the channel dead; the first cause stands. */
    synchronized void die(RabbitMqUnavailableException cause) {
      if (deathCause == null) {
        deathCause = cause;
      }
      dead = true;
    }

    RabbitMqUnavailableException deathCause() {
      RabbitMqUnavailableException cause = deathCause;
      return cause == null ? new RabbitMqUnavailableException(channelClosed(null)) : cause;
    }

    @Override
    public void handleAck(long sequence, boolean multiple) {
      settle(sequence, multiple, null);
    }

    @Override
    public void handleNack(long sequence, boolean multiple) {
      settle(
          sequence,
          multiple,
          new RabbitMqUnavailableException(
              "RabbitMQ refused to store the message (a nack) for queue " + queue));
    }

    private void settle(long sequence, boolean multiple, RabbitMqUnavailableException failure) {
      try {
        synchronized (settling) {
          Iterable<Pending> covered =
              multiple
                  ? outstanding.headMap(sequence, true).values()
                  : single(outstanding.get(sequence));
          for (Pending pending : covered) {
            if (failure == null) {
              pending.confirm();
            } else {
              pending.fail(failure);
            }
          }
          drain(this);
        }
      } catch (RuntimeException e) {
        LOG.error("settling RabbitMQ confirm {} failed", sequence, e);
      }
    }

    private List<Pending> single(Pending pending) {
      return pending == null ? List.of() : List.of(pending);
    }

    @Override
    public void handleReturn(
        int replyCode,
        String replyText,
        String exchange,
        String routingKey,
        AMQP.BasicProperties properties,
        byte[] body) {
      try {
        String messageId = properties == null ? null : properties.getMessageId();
        // queued before the failure is: the queues are back when the caller hears of it
        requestRedeclare();
        synchronized (settling) {
          // the return comes before the message's confirm, so it is still outstanding
          for (Pending pending : outstanding.values()) {
            if (messageId != null && messageId.equals(pending.messageId)) {
              pending.fail(
                  new RabbitMqUnavailableException(
                      "RabbitMQ could not route the message to queue "
                          + routingKey
                          + " ("
                          + replyCode
                          + " "
                          + replyText
                          + ")"));
              break;
            }
          }
          drain(this);
        }
      } catch (RuntimeException e) {
        LOG.error("handling a message RabbitMQ returned failed", e);
      }
    }

    @Override
    public void shutdownCompleted(ShutdownSignalException cause) {
      try {
        if (!dead && !cause.isInitiatedByApplication()) {
          LOG.warn("the RabbitMQ publishing channel closed: {}", cause.getMessage());
        }
        discard(this, new RabbitMqUnavailableException(channelClosed(cause), cause));
      } catch (RuntimeException e) {
        LOG.error("handling the closing of a RabbitMQ channel failed", e);
      }
    }
  }
}
