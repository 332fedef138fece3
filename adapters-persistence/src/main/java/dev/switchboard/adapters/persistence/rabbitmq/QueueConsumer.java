package dev.switchboard.adapters.persistence.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one queue, one message at a time (prefetch 1), acknowledging a message only once its
 * {@link Work} returned. On a failure the message goes back to the head of its queue after {@code
 * retry-pause}, so the queue waits and keeps its order: forever while the store or the broker is
 * unavailable ({@link Failures#isTransient}); for any other failure until it failed {@code
 * max-attempts} times in a row, when the work sets it aside ({@link Work#deadLetter}) and it is
 * rejected to the dead-letter exchange. A message that cannot be read at all is set aside at once.
 */
final class QueueConsumer extends DefaultConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(QueueConsumer.class);
  private static final int MAX_REASON_LENGTH = 4000;

  private final String queue;
  private final Work work;
  private final int maxAttempts;
  private final Duration retryPause;
  private final CountDownLatch stopping;
  private final AtomicInteger inFlight;
  private String failingMessage;
  private int failures;

  QueueConsumer(
      Channel channel,
      String queue,
      Work work,
      RabbitMqSettings settings,
      CountDownLatch stopping,
      AtomicInteger inFlight) {
    super(channel);
    this.queue = Objects.requireNonNull(queue, "queue");
    this.work = Objects.requireNonNull(work, "work");
    this.maxAttempts = settings.getMaxAttempts();
    this.retryPause = settings.getRetryPause();
    this.stopping = Objects.requireNonNull(stopping, "stopping");
    this.inFlight = Objects.requireNonNull(inFlight, "inFlight");
  }

  @Override
  public void handleDelivery(
      String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
    inFlight.incrementAndGet();
    try {
      deliver(envelope.getDeliveryTag(), properties, body);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private synchronized void deliver(long tag, AMQP.BasicProperties properties, byte[] body) {
    String key = key(properties, body);
    try {
      work.process(properties, body);
      forget(key);
      acknowledge(tag);
    } catch (UnreadableMessageException e) {
      forget(key);
      setAside(tag, properties, body, e.getMessage());
    } catch (Exception e) {
      if (Failures.isTransient(e)) {
        LOG.warn("{}: the store or the broker failed, trying again: {}", queue, e.toString());
        retryLater(tag);
        return;
      }
      int attempts = failed(key);
      if (attempts < maxAttempts) {
        LOG.warn(
            "{}: a message failed ({} of {} attempts): {}",
            queue,
            attempts,
            maxAttempts,
            Failures.describe(e));
        retryLater(tag);
        return;
      }
      if (setAside(
          tag, properties, body, "failed " + attempts + " times: " + Failures.describe(e))) {
        forget(key);
      }
    }
  }

  /** Records the message as a dead letter and rejects it to the dead-letter exchange. */
  private boolean setAside(long tag, AMQP.BasicProperties properties, byte[] body, String reason) {
    String clipped =
        reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH);
    try {
      work.deadLetter(properties, body, clipped);
    } catch (Exception e) {
      LOG.warn("{}: cannot record a dead letter, trying again: {}", queue, e.toString());
      retryLater(tag);
      return false;
    }
    LOG.error("{}: a message was moved to the dead letters: {}", queue, clipped);
    try {
      getChannel().basicReject(tag, false);
    } catch (IOException | ShutdownSignalException e) {
      // the broker delivers it again; recorded twice at worst
      LOG.warn("{}: cannot reject a message: {}", queue, e.toString());
    }
    return true;
  }

  private void acknowledge(long tag) {
    try {
      getChannel().basicAck(tag, false);
    } catch (IOException | ShutdownSignalException e) {
      // the channel went down with the connection: the broker delivers the message again, and
      // handling it again has no second effect
      LOG.warn("{}: cannot acknowledge a message, it will come again: {}", queue, e.toString());
    }
  }

  private void retryLater(long tag) {
    try {
      stopping.await(retryPause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      getChannel().basicNack(tag, false, true);
    } catch (IOException | ShutdownSignalException e) {
      LOG.debug("{}: cannot return a message, it comes again anyway: {}", queue, e.toString());
    }
  }

  private int failed(String key) {
    if (!key.equals(failingMessage)) {
      failingMessage = key;
      failures = 0;
    }
    return ++failures;
  }

  private void forget(String key) {
    if (key.equals(failingMessage)) {
      failingMessage = null;
      failures = 0;
    }
  }

  /** The message's id, or for a message without one a digest of its body. */
  private static String key(AMQP.BasicProperties properties, byte[] body) {
    if (properties != null && properties.getMessageId() != null) {
      return properties.getMessageId();
    }
    return "body:" + body.length + ":" + Arrays.hashCode(body);
  }

  @Override
  public void handleCancel(String consumerTag) {
    LOG.error("{}: RabbitMQ cancelled the consumer (was the queue deleted?)", queue);
  }

  @Override
  public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
    if (!signal.isInitiatedByApplication()) {
      LOG.warn("{}: the channel went down ({}); it recovers by itself", queue, signal.getMessage());
    }
  }

  /** What a queue's messages are for. */
  interface Work {

    /**
     * Handles a message; returns once it may be acknowledged.
     *
     * @throws UnreadableMessageException when it can never be handled
     */
    void process(AMQP.BasicProperties properties, byte[] body) throws Exception;

    /** Keeps a message that could not be handled, with the reason. */
    void deadLetter(AMQP.BasicProperties properties, byte[] body, String reason) throws Exception;
  }

  /** A message that cannot be handled however often it is tried. */
  static final class UnreadableMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    UnreadableMessageException(String message) {
      super(message);
    }
  }
}
