package dev.switchboard.adapters.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
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
final class QueueConsumer extends OrderedConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(QueueConsumer.class);

  private final Work work;

  QueueConsumer(
      Channel channel,
      String queue,
      Work work,
      RabbitMqSettings settings,
      CountDownLatch stopping,
      AtomicInteger inFlight) {
    super(channel, queue, work, settings, stopping, inFlight);
    this.work = Objects.requireNonNull(work, "work");
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
      acknowledge(tag, false);
    } catch (UnreadableMessageException e) {
      forget(key);
      if (!setAside(tag, properties, body, e.getMessage())) {
        retryLater(tag);
      }
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
      } else {
        retryLater(tag);
      }
    }
  }

  /** Puts the message back at the head of its queue after a pause. */
  private void retryLater(long tag) {
    pause();
    try {
      getChannel().basicNack(tag, false, true);
    } catch (IOException | ShutdownSignalException e) {
      LOG.debug("{}: cannot return a message, it comes again anyway: {}", queue, e.toString());
    }
  }

  /** What a queue's messages are for. */
  interface Work extends DeadLettering {

    /**
     * Handles a message; returns once it may be acknowledged.
     *
     * @throws UnreadableMessageException when it can never be handled
     */
    void process(AMQP.BasicProperties properties, byte[] body) throws Exception;
  }

  /** A message that cannot be handled however often it is tried. */
  static final class UnreadableMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    UnreadableMessageException(String message) {
      super(message);
    }
  }
}
