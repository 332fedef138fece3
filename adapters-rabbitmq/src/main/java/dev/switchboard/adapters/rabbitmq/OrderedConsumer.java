package dev.switchboard.adapters.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
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
 * What the consumers of the bridge's queues share: a queue consumed in order, failures counted per
 * message ({@code max-attempts} in a row before a message is set aside), pauses of {@code
 * retry-pause} between attempts, setting a message aside ({@link DeadLettering}, then a reject to
 * the dead-letter exchange) and acknowledging.
 */
abstract class OrderedConsumer extends DefaultConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(OrderedConsumer.class);
  private static final int MAX_REASON_LENGTH = 4000;

  final String queue;
  final int maxAttempts;
  final Duration retryPause;
  final CountDownLatch stopping;
  final AtomicInteger inFlight;
  private final DeadLettering deadLettering;
  private String failingMessage;
  private int failures;
  private volatile boolean cancelled;

  OrderedConsumer(
      Channel channel,
      String queue,
      DeadLettering deadLettering,
      RabbitMqSettings settings,
      CountDownLatch stopping,
      AtomicInteger inFlight) {
    super(channel);
    this.queue = Objects.requireNonNull(queue, "queue");
    this.deadLettering = Objects.requireNonNull(deadLettering, "deadLettering");
    this.maxAttempts = settings.getMaxAttempts();
    this.retryPause = settings.getRetryPause();
    this.stopping = Objects.requireNonNull(stopping, "stopping");
    this.inFlight = Objects.requireNonNull(inFlight, "inFlight");
  }

  /** Records the message as a dead letter and rejects it to the dead-letter exchange. */
  final boolean setAside(long tag, AMQP.BasicProperties properties, byte[] body, String reason) {
    String clipped =
        reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH);
    try {
      deadLettering.deadLetter(properties, body, clipped);
    } catch (Exception e) {
      LOG.warn("{}: cannot record a dead letter, trying again: {}", queue, e.toString());
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

  final void acknowledge(long tag, boolean multiple) {
    try {
      getChannel().basicAck(tag, multiple);
    } catch (IOException | ShutdownSignalException e) {
      // the channel went down with the connection: the broker delivers the message again, and
      // handling it again has no second effect
      LOG.warn("{}: cannot acknowledge, the message will come again: {}", queue, e.toString());
    }
  }

  /** Waits {@code retry-pause}, or less when stopping. */
  final void pause() {
    try {
      stopping.await(retryPause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Counts a failure of the message {@code key}; how many in a row it has had. */
  final int failed(String key) {
    if (!key.equals(failingMessage)) {
      failingMessage = key;
      failures = 0;
    }
    return ++failures;
  }

  final void forget(String key) {
    if (key.equals(failingMessage)) {
      failingMessage = null;
      failures = 0;
    }
  }

  /** The message's id, or for a message without one a digest of its body. */
  static String key(AMQP.BasicProperties properties, byte[] body) {
    if (properties != null && properties.getMessageId() != null) {
      return properties.getMessageId();
    }
    return "body:" + body.length + ":" + Arrays.hashCode(body);
  }

  @Override
  public void handleCancel(String consumerTag) {
    cancelled = true;
    LOG.error("{}: RabbitMQ cancelled the consumer (was the queue deleted?)", queue);
  }

  /** Whether RabbitMQ cancelled this consumer: it receives nothing more. */
  final boolean cancelled() {
    return cancelled;
  }

  @Override
  public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
    if (!signal.isInitiatedByApplication()) {
      LOG.warn("{}: the channel went down ({}); it recovers by itself", queue, signal.getMessage());
    }
  }

  /** Keeps a message that could not be handled. */
  interface DeadLettering {

    /** Keeps a message that could not be handled, with the reason. */
    void deadLetter(AMQP.BasicProperties properties, byte[] body, String reason) throws Exception;
  }
}
