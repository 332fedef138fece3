package dev.switchboard.adapters.persistence.rabbitmq;

import com.rabbitmq.client.Channel;
import dev.switchboard.application.pipeline.InboxEvent;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.port.out.Inbox;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * The inbox of the RabbitMQ mode ({@code switchboard.queue=rabbitmq}): each accepted webhook's raw
 * bytes are published, persistent and mandatory, to the durable ingest queue, with the side it came
 * from and when it was accepted as headers and a message id of its own. {@link #append} does not
 * wait for the broker (it is called on the HTTP server's event loop): its stage completes once the
 * broker confirmed the webhook (so it is on the broker's disk), or exceptionally with a {@link
 * RabbitMqUnavailableException} when the broker refused it, could not route it, the channel closed
 * first, or no confirm came within {@code switchboard.rabbitmq.confirm-timeout}, so that the
 * webhook is answered with an error and sent again. The stages complete in the order the webhooks
 * were published, which is their order in the queue. Safe for any number of threads: they take
 * turns on one channel of the inbox's own ({@link ConfirmedPublisher}), each only while its message
 * is written.
 *
 * <p>The ingest queue is consumed by {@link RabbitMqConsumers}, not through this port: {@link
 * #oldest}, {@link #remove} and {@link #recordFailedAttempt} belong to the embedded mode's polling
 * processor and throw here.
 */
@Singleton
@Requires(property = RabbitMqSettings.QUEUE_PROPERTY, value = RabbitMqSettings.RABBITMQ)
public final class RabbitMqInbox implements Inbox, AutoCloseable {

  private final RabbitMqConnections connections;
  private final RabbitMqTopology topology;
  private final ConfirmedPublisher publisher;
  private final long backlogCacheNanos;
  private volatile long backlog;
  private volatile long backlogReadAt;
  private volatile boolean backlogRead;

  public RabbitMqInbox(RabbitMqConnections connections) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.topology = connections.topology();
    this.backlogCacheNanos = connections.settings().getBacklogCache().toNanos();
    this.publisher =
        new ConfirmedPublisher(
            connections, topology.ingest(), connections.settings().getConfirmTimeout());
  }

  /**
   * Publishes the webhook to the ingest queue without waiting for the broker. Never throws for a
   * failure to store it: the stage completes exceptionally instead. Blocks only to open the inbox's
   * channel when none is open, within the bounds given in {@link RabbitMqConnections}.
   */
  @Override
  public CompletionStage<Void> append(RawWebhook webhook) {
    Objects.requireNonNull(webhook, "webhook");
    // callers get a stage they cannot complete themselves
    return publisher
        .publish(Messages.webhook(webhook.source(), webhook.receivedAt()), webhook.body())
        .minimalCompletionStage();
  }

  /**
   * The messages ready in the ingest queue and in every shard queue (those being handled not
   * counted), read at most once per {@code switchboard.rabbitmq.backlog-cache}.
   *
   * @throws RabbitMqUnavailableException when the broker cannot be asked
   */
  @Override
  public long backlog() {
    long now = System.nanoTime();
    if (backlogRead && now - backlogReadAt < backlogCacheNanos) {
      return backlog;
    }
    synchronized (this) {
      if (!backlogRead || System.nanoTime() - backlogReadAt >= backlogCacheNanos) {
        backlog = connections.publish(this::count);
        backlogReadAt = System.nanoTime();
        backlogRead = true;
      }
      return backlog;
    }
  }

  private long count(Channel channel) throws java.io.IOException {
    long ready = 0;
    for (String queue : topology.workQueues()) {
      ready += channel.messageCount(queue);
    }
    return ready;
  }

  @Override
  public List<InboxEvent> oldest(int max) {
    throw consumedElsewhere();
  }

  @Override
  public void remove(long id) {
    throw consumedElsewhere();
  }

  @Override
  public void recordFailedAttempt(long id) {
    throw consumedElsewhere();
  }

  /** The channel appends are published on, or null when none is open; for tests. */
  Channel publishingChannel() {
    return publisher.channel();
  }

  /** How many appends wait for their outcome; for tests. */
  int outstanding() {
    return publisher.outstanding();
  }

  /**
   * Fails the appends still waiting for their confirm and closes the inbox's channel; appends fail
   * from then on.
   */
  @PreDestroy
  @Override
  public void close() {
    publisher.close();
  }

  private static UnsupportedOperationException consumedElsewhere() {
    return new UnsupportedOperationException(
        "with switchboard.queue=rabbitmq the ingest queue is consumed by RabbitMqConsumers:"
            + " the embedded inbox processor must not run");
  }

  @Override
  public String toString() {
    return "RabbitMqInbox[" + topology.ingest() + "]";
  }
}
