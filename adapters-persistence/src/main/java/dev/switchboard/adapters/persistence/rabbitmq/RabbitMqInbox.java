package dev.switchboard.adapters.persistence.rabbitmq;

import com.rabbitmq.client.Channel;
import dev.switchboard.application.pipeline.InboxEvent;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.port.out.Inbox;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;

/**
 * The inbox of the RabbitMQ mode ({@code switchboard.queue=rabbitmq}): each accepted webhook's raw
 * bytes are published, persistent, to the durable ingest queue, with the side it came from and when
 * it was accepted as headers; {@link #append} returns once the broker confirmed it (so it is on the
 * broker's disk), and throws when the broker refused it or did not confirm in time, so that the
 * webhook is answered with an error and sent again. Safe for any number of threads: each publishes
 * on a pooled channel of its own.
 *
 * <p>The ingest queue is consumed by {@link RabbitMqConsumers}, not through this port: {@link
 * #oldest}, {@link #remove} and {@link #recordFailedAttempt} belong to the embedded mode's polling
 * processor and throw here.
 */
@Singleton
@Requires(property = RabbitMqSettings.QUEUE_PROPERTY, value = RabbitMqSettings.RABBITMQ)
public final class RabbitMqInbox implements Inbox {

  private final RabbitMqConnections connections;
  private final RabbitMqTopology topology;
  private final long backlogCacheNanos;
  private volatile long backlog;
  private volatile long backlogReadAt;
  private volatile boolean backlogRead;

  public RabbitMqInbox(RabbitMqConnections connections) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.topology = connections.topology();
    this.backlogCacheNanos = connections.settings().getBacklogCache().toNanos();
  }

  @Override
  public void append(RawWebhook webhook) {
    Objects.requireNonNull(webhook, "webhook");
    connections.publish(
        channel -> {
          channel.basicPublish(
              "",
              topology.ingest(),
              true,
              Messages.webhook(webhook.source(), webhook.receivedAt()),
              webhook.body());
          return null;
        });
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
