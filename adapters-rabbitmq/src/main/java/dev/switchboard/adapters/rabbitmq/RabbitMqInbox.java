package dev.switchboard.adapters.rabbitmq;

import com.rabbitmq.client.Channel;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.port.out.Inbox;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * The inbox of the RabbitMQ mode ({@code switchboard.queue=rabbitmq}): accepted webhooks' raw bytes
 * are published, persistent and mandatory, to the durable ingest queue, in batches ({@link
 * IngestBatcher}: whatever waits while the broker confirms earlier messages goes out as one, at
 * most {@value #BATCH_ITEMS} webhooks or about {@value #BATCH_BYTES} bytes), each webhook with the
 * side it came from and when it was accepted. {@link #append} does not wait for the broker (it is
 * called on the HTTP server's event loop): its stage completes once the broker confirmed the
 * webhook's message (so it is on the broker's disk), or exceptionally with a {@link
 * RabbitMqUnavailableException} when the broker refused it, could not route it, the channel closed
 * first, or no confirm came within {@code switchboard.rabbitmq.confirm-timeout}, so that the
 * webhook is answered with an error and sent again. The stages complete in the order the webhooks
 * were published, which is their order in the queue. Safe for any number of threads: they take
 * turns on one channel of the inbox's own ({@link ConfirmedPublisher}), each only while its message
 * is written.
 *
 * <p>The ingest queue is consumed by {@link RabbitMqConsumers}, not through this port.
 */
@Singleton
@Requires(property = RabbitMqSettings.QUEUE_PROPERTY, value = RabbitMqSettings.RABBITMQ)
public final class RabbitMqInbox implements Inbox, AutoCloseable {

  static final int BATCH_ITEMS = 256;
  static final long BATCH_BYTES = 1024 * 1024;
  static final int BATCHES_IN_FLIGHT = 8;

  private final RabbitMqConnections connections;
  private final RabbitMqTopology topology;
  private final ConfirmedPublisher publisher;
  private final IngestBatcher batches;
  private final long backlogCacheNanos;
  private volatile long backlog;
  private volatile long backlogReadAt;
  private volatile boolean backlogRead;

  public RabbitMqInbox(RabbitMqConnections connections) {
    this(connections, BATCHES_IN_FLIGHT);
  }

  /** An inbox with {@code inFlight} messages waiting for their confirm at most. */
  RabbitMqInbox(RabbitMqConnections connections, int inFlight) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.topology = connections.topology();
    this.backlogCacheNanos = connections.settings().getBacklogCache().toNanos();
    this.publisher =
        new ConfirmedPublisher(
            connections, topology.ingest(), connections.settings().getConfirmTimeout());
    this.batches = new IngestBatcher(publisher, BATCH_ITEMS, BATCH_BYTES, inFlight);
  }

  /**
   * Queues the webhook for the ingest queue without waiting for the broker ({@link IngestBatcher}).
   * Never throws for a failure to store it: the stage completes exceptionally instead.
   */
  @Override
  public CompletionStage<Void> append(RawWebhook webhook) {
    Objects.requireNonNull(webhook, "webhook");
    // callers get a stage they cannot complete themselves
    return batches.submit(webhook).minimalCompletionStage();
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

  /** The channel appends are published on, or null when none is open; for tests. */
  Channel publishingChannel() {
    return publisher.channel();
  }

  /** How many messages (batches of appends) wait for their confirm; for tests. */
  int outstanding() {
    return publisher.outstanding();
  }

  /** How many appends wait to be published; for tests. */
  int waiting() {
    return batches.waiting();
  }

  /**
   * Fails the appends still waiting for their confirm and closes the inbox's channel; appends fail
   * from then on.
   */
  @PreDestroy
  @Override
  public void close() {
    batches.close();
    publisher.close();
  }

  @Override
  public String toString() {
    return "RabbitMqInbox[" + topology.ingest() + "]";
  }
}
