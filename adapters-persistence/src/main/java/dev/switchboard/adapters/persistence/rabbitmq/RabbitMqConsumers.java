package dev.switchboard.adapters.persistence.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import dev.switchboard.adapters.persistence.OutboxCodec;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.in.HandleEventCommand;
import dev.switchboard.application.port.in.HandleEventUseCase;
import dev.switchboard.application.port.in.RouteWebhookCommand;
import dev.switchboard.application.port.in.RouteWebhookUseCase;
import dev.switchboard.application.port.out.DeadLetters;
import dev.switchboard.application.port.out.EventQueue;
import dev.switchboard.application.port.out.Transactions;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumers of the RabbitMQ mode, started when the application has started and stopped with it:
 *
 * <ul>
 *   <li>the ingest queue's: each accepted webhook is routed ({@link RouteWebhookUseCase}: decoded,
 *       its events published to their shards) and acknowledged once that returned. The queue has a
 *       single active consumer among all instances, so webhooks are routed in the order they were
 *       accepted. A body that is an event's JSON (a dead-lettered event replayed through the inbox)
 *       is published to its shard as it is.
 *   <li>one per shard queue: each event is applied ({@link HandleEventUseCase}, one transaction)
 *       and acknowledged once that committed. One message at a time, and one active consumer per
 *       shard among all instances: each customer's events are applied one at a time, in order.
 * </ul>
 *
 * <p>Failures are handled by {@link QueueConsumer}: the store or broker unavailable means waiting
 * and trying again; any other failure, {@code max-attempts} times in a row, sets the message aside:
 * a webhook as it was received ({@link DeadLetters#addWebhook}); an event as a webhook-kind dead
 * letter whose body is the event's JSON, from the side the event came from (replaying it through
 * the inbox publishes the event again). The message itself also goes to the dead-letter queue.
 *
 * <p>Not on an instance started with {@code switchboard.pipeline.enabled=false}, which only accepts
 * webhooks (they wait in the ingest queue for an instance that consumes).
 *
 * <p>If RabbitMQ cannot be reached at start, the consumers start once it can; after that the
 * client's automatic recovery resumes them after connection failures and broker restarts.
 */
@Singleton
@Requires(property = RabbitMqSettings.QUEUE_PROPERTY, value = RabbitMqSettings.RABBITMQ)
@Requires(property = "switchboard.pipeline.enabled", notEquals = "false")
public final class RabbitMqConsumers
    implements ApplicationEventListener<StartupEvent>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RabbitMqConsumers.class);
  private static final Duration START_RETRY = Duration.ofSeconds(2);

  private final RabbitMqConnections connections;
  private final RabbitMqTopology topology;
  private final RabbitMqSettings settings;
  private final RouteWebhookUseCase route;
  private final HandleEventUseCase handle;
  private final EventQueue events;
  private final DeadLetters deadLetters;
  private final Transactions transactions;
  private final OutboxCodec codec;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final CountDownLatch started = new CountDownLatch(1);
  private final AtomicInteger inFlight = new AtomicInteger();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private Thread starter;

  public RabbitMqConsumers(
      RabbitMqConnections connections,
      RouteWebhookUseCase route,
      HandleEventUseCase handle,
      EventQueue events,
      DeadLetters deadLetters,
      Transactions transactions,
      OutboxCodec codec) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.topology = connections.topology();
    this.settings = connections.settings();
    this.route = Objects.requireNonNull(route, "route");
    this.handle = Objects.requireNonNull(handle, "handle");
    this.events = Objects.requireNonNull(events, "events");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    start();
  }

  /** Starts consuming, in the background: at once, or as soon as RabbitMQ can be reached. */
  public synchronized void start() {
    if (starter != null || stopping.getCount() == 0) {
      return;
    }
    starter = new Thread(this::subscribeUntilDone, "switchboard-rabbitmq-start");
    starter.setDaemon(true);
    starter.start();
  }

  /** Waits until every queue is consumed; whether it is. */
  public boolean awaitStarted(Duration timeout) throws InterruptedException {
    return started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void subscribeUntilDone() {
    while (stopping.getCount() > 0) {
      try {
        subscribe();
        started.countDown();
        LOG.info(
            "consuming {} and {} shard queues",
            topology.ingest(),
            Integer.valueOf(topology.shards()));
        return;
      } catch (IOException | RuntimeException e) {
        unsubscribe();
        LOG.warn("cannot consume from RabbitMQ yet, trying again: {}", e.toString());
      }
      try {
        if (stopping.await(START_RETRY.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void subscribe() throws IOException {
    Connection connection = connections.consuming();
    consume(connection, topology.ingest(), new IngestWork());
    for (int shard = 0; shard < topology.shards(); shard++) {
      consume(connection, topology.shard(shard), new ShardWork());
    }
  }

  private void consume(Connection connection, String queue, QueueConsumer.Work work)
      throws IOException {
    Channel channel = connection.createChannel();
    if (channel == null) {
      throw new IOException("RabbitMQ allows no more channels");
    }
    synchronized (subscriptions) {
      if (stopping.getCount() == 0) {
        channel.abort();
        throw new IllegalStateException("stopping");
      }
      subscriptions.add(new Subscription(channel, null));
    }
    channel.basicQos(1);
    String tag =
        channel.basicConsume(
            queue, false, new QueueConsumer(channel, queue, work, settings, stopping, inFlight));
    synchronized (subscriptions) {
      subscriptions.set(subscriptions.size() - 1, new Subscription(channel, tag));
    }
  }

  /**
   * Stops consuming: no new message is taken, the ones being handled may finish within {@code
   * switchboard.rabbitmq.shutdown-grace}, then the channels close (what is unacknowledged is
   * delivered again, to another instance or after the restart).
   */
  @PreDestroy
  @Override
  public void close() {
    stopping.countDown();
    Thread thread;
    synchronized (this) {
      thread = starter;
    }
    if (thread != null) {
      thread.interrupt();
    }
    List<Subscription> current;
    synchronized (subscriptions) {
      current = List.copyOf(subscriptions);
    }
    for (Subscription subscription : current) {
      if (subscription.tag() != null) {
        try {
          subscription.channel().basicCancel(subscription.tag());
        } catch (IOException | ShutdownSignalException e) {
          LOG.debug("cancelling a consumer: {}", e.toString());
        }
      }
    }
    long deadline = System.nanoTime() + settings.getShutdownGrace().toNanos();
    while (inFlight.get() > 0 && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (inFlight.get() > 0) {
      LOG.warn("stopping while {} message(s) are still being handled", inFlight.get());
    }
    unsubscribe();
  }

  private void unsubscribe() {
    List<Subscription> current;
    synchronized (subscriptions) {
      current = List.copyOf(subscriptions);
      subscriptions.clear();
    }
    for (Subscription subscription : current) {
      try {
        if (subscription.channel().isOpen()) {
          subscription.channel().close();
        }
      } catch (IOException | TimeoutException | ShutdownSignalException e) {
        LOG.debug("closing a consumer's channel: {}", e.toString());
      }
    }
  }

  private void setAside(WebhookSource source, byte[] body, Instant at, String reason) {
    RawWebhook webhook = new RawWebhook(source, body, at);
    transactions.run(() -> deadLetters.addWebhook(webhook, reason));
  }

  /** The ingest queue's messages: accepted webhooks (or replayed events). */
  private final class IngestWork implements QueueConsumer.Work {

    @Override
    public void process(AMQP.BasicProperties properties, byte[] body)
        throws QueueConsumer.UnreadableMessageException {
      WebhookSource source =
          Messages.source(properties)
              .orElseThrow(
                  () ->
                      new QueueConsumer.UnreadableMessageException(
                          "a webhook without a valid " + Messages.SOURCE + " header"));
      if (Messages.isEvent(body)) {
        events.publish(List.of(read(body)));
        return;
      }
      route.route(
          new RouteWebhookCommand(
              new RawWebhook(source, body, Messages.receivedAt(properties, Instant.now()))));
    }

    @Override
    public void deadLetter(AMQP.BasicProperties properties, byte[] body, String reason) {
      Optional<WebhookSource> source = Messages.source(properties);
      if (source.isEmpty()) {
        LOG.error("a webhook without a valid source goes to the dead-letter queue only");
        return;
      }
      setAside(source.get(), body, Messages.receivedAt(properties, Instant.now()), reason);
    }
  }

  /** A shard queue's messages: decoded events. */
  private final class ShardWork implements QueueConsumer.Work {

    @Override
    public void process(AMQP.BasicProperties properties, byte[] body)
        throws QueueConsumer.UnreadableMessageException {
      handle.handle(new HandleEventCommand(read(body)));
    }

    @Override
    public void deadLetter(AMQP.BasicProperties properties, byte[] body, String reason) {
      Optional<WebhookSource> source = Messages.source(properties);
      if (source.isEmpty()) {
        try {
          source = Optional.of(Messages.sourceOf(read(body)));
        } catch (QueueConsumer.UnreadableMessageException e) {
          LOG.error("an unreadable event without a source goes to the dead-letter queue only");
          return;
        }
      }
      setAside(source.get(), body, Messages.receivedAt(properties, Instant.now()), reason);
    }
  }

  private ChannelEvent read(byte[] body) throws QueueConsumer.UnreadableMessageException {
    try {
      return codec.readEvent(new String(body, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new QueueConsumer.UnreadableMessageException(
          "the event cannot be read: " + e.getMessage());
    }
  }

  private record Subscription(Channel channel, String tag) {}
}
