package dev.switchboard.adapters.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Envelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the ingest queue with up to {@value #PREFETCH} messages delivered ahead, and routes
 * whatever has arrived together ({@link Work#processAll}: one publish of all their events, one wait
 * for the broker's confirms), then acknowledges them at once. Routing a webhook costs a round trip
 * to the broker; taking what waits together is what lets one router keep up with many instances'
 * accepts (a backlog of small messages otherwise drains at one message per confirm).
 *
 * <p>Nothing is given back to the queue while this consumer lives, so the queue's order holds
 * without care: a failure of the store or the broker ({@link Failures#isTransient}) is waited out
 * and the same messages routed again, however often; any other failure makes the messages go one by
 * one, and one that fails {@code max-attempts} times in a row is set aside ({@link
 * Work#deadLetter}) and rejected to the dead-letter exchange. When the consumer stops, or its
 * channel breaks, the broker puts what was not acknowledged back at the head of the queue, in order
 * (acknowledging a delivery of a broken channel later does nothing).
 */
final class IngestConsumer extends OrderedConsumer implements AutoCloseable {

  static final int PREFETCH = 32;

  private static final Logger LOG = LoggerFactory.getLogger(IngestConsumer.class);

  private final Work work;
  private final BlockingQueue<Message> arrived = new LinkedBlockingQueue<>();
  private final Thread router;
  private volatile boolean closed;

  IngestConsumer(
      Channel channel,
      String queue,
      Work work,
      RabbitMqSettings settings,
      CountDownLatch stopping,
      AtomicInteger inFlight) {
    super(channel, queue, work, settings, stopping, inFlight);
    this.work = Objects.requireNonNull(work, "work");
    this.router = new Thread(this::run, "switchboard-rabbitmq-router");
    router.setDaemon(true);
    router.start();
  }

  @Override
  public void handleDelivery(
      String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
    arrived.add(new Message(envelope.getDeliveryTag(), properties, body));
  }

  private void run() {
    while (!stopped()) {
      Message first;
      try {
        first = arrived.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (first == null) {
        continue;
      }
      List<Message> batch = new ArrayList<>();
      batch.add(first);
      arrived.drainTo(batch, PREFETCH - 1);
      inFlight.incrementAndGet();
      try {
        route(batch);
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }

  /** Routes the messages together until that works; one by one when they fail otherwise. */
  private void route(List<Message> batch) {
    if (batch.size() == 1) {
      routeAlone(batch.get(0));
      return;
    }
    while (!stopped()) {
      try {
        work.processAll(batch);
        batch.forEach(message -> forget(message.key()));
        acknowledgeUnlessStopped(batch.get(batch.size() - 1).tag(), true);
        return;
      } catch (Exception e) {
        if (!Failures.isTransient(e)) {
          batch.forEach(this::routeAlone);
          return;
        }
        LOG.warn("{}: the store or the broker failed, trying again: {}", queue, e.toString());
        pause();
      }
    }
  }

  private void routeAlone(Message message) {
    while (!stopped()) {
      try {
        work.processAll(List.of(message));
        forget(message.key());
        acknowledgeUnlessStopped(message.tag(), false);
        return;
      } catch (QueueConsumer.UnreadableMessageException e) {
        forget(message.key());
        if (setAside(message.tag(), message.properties(), message.body(), e.getMessage())) {
          return;
        }
      } catch (Exception e) {
        if (Failures.isTransient(e)) {
          LOG.warn("{}: the store or the broker failed, trying again: {}", queue, e.toString());
        } else {
          int attempts = failed(message.key());
          if (attempts < maxAttempts) {
            LOG.warn(
                "{}: a message failed ({} of {} attempts): {}",
                queue,
                attempts,
                maxAttempts,
                Failures.describe(e));
          } else if (setAside(
              message.tag(),
              message.properties(),
              message.body(),
              "failed " + attempts + " times: " + Failures.describe(e))) {
            forget(message.key());
            return;
          }
        }
      }
      pause();
    }
  }

  /**
   * Acknowledges, unless the consumer stopped meanwhile: then the messages go back to the queue
   * with the channel and are routed again, which changes nothing.
   */
  private void acknowledgeUnlessStopped(long tag, boolean multiple) {
    if (!stopped()) {
      acknowledge(tag, multiple);
    }
  }

  private boolean stopped() {
    return closed || stopping.getCount() == 0 || Thread.currentThread().isInterrupted();
  }

  /** Stops routing (what is not acknowledged goes back to the queue with the channel). */
  @Override
  public void close() {
    closed = true;
    router.interrupt();
  }

  /** A delivered message. */
  record Message(long tag, AMQP.BasicProperties properties, byte[] body) {

    String key() {
      return OrderedConsumer.key(properties, body);
    }
  }

  /** What the ingest queue's messages are for. */
  interface Work extends DeadLettering {

    /**
     * Handles messages, in order, together; returns once they may be acknowledged.
     *
     * @throws QueueConsumer.UnreadableMessageException when one of them can never be handled
     */
    void processAll(List<Message> messages) throws Exception;
  }
}
