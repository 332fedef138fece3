package dev.switchboard.adapters.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.ShutdownSignalException;
import dev.switchboard.adapters.persistence.OutboxCodec;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.ReconciliationReport;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.in.HandleEventCommand;
import dev.switchboard.application.port.in.HandleEventUseCase;
import dev.switchboard.application.port.in.RouteWebhookCommand;
import dev.switchboard.application.port.in.RouteWebhookUseCase;
import dev.switchboard.application.port.out.DeadLetters;
import dev.switchboard.application.port.out.EventQueue;
import dev.switchboard.application.port.out.QueueConsumers;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumers of the RabbitMQ mode, started when the application has started and stopped with it:
 *
 * <ul>
 *   <li>the ingest queue's: each message (a batch of accepted webhooks, or one webhook as earlier
 *       versions published them) is routed ({@link RouteWebhookUseCase}: decoded, the events of all
 *       its webhooks published to their shards at once) and acknowledged once that returned. The
 *       queue has a single active consumer among all instances, so webhooks are routed in the order
 *       they were accepted. A body that is an event's JSON (a dead-lettered event replayed through
 *       the inbox) is published to its shard as it is.
 *   <li>one per shard queue: each message's events are applied ({@link HandleEventUseCase}, one
 *       transaction for them all) and acknowledged once that committed. One message at a time, and
 *       one active consumer per shard among all instances: each customer's events are applied one
 *       at a time, in order.
 * </ul>
 *
 * <p>Failures are handled by {@link QueueConsumer}: the store or broker unavailable means waiting
 * and trying again; any other failure, {@code max-attempts} times in a row, sets the message aside:
 * each webhook as it was received ({@link DeadLetters#addWebhook}); an event as a webhook-kind dead
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
    implements ApplicationEventListener<StartupEvent>, QueueConsumers, AutoCloseable {

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
    consume(
        connection,
        topology.ingest(),
        IngestConsumer.PREFETCH,
        channel ->
            new IngestConsumer(
                channel, topology.ingest(), new IngestWork(), settings, stopping, inFlight));
    for (int shard = 0; shard < topology.shards(); shard++) {
      String queue = topology.shard(shard);
      consume(
          connection,
          queue,
          1,
          channel ->
              new QueueConsumer(channel, queue, new ShardWork(), settings, stopping, inFlight));
    }
  }

  private void consume(
      Connection connection, String queue, int prefetch, Function<Channel, Consumer> consumerOn)
      throws IOException {
    Channel channel = connection.createChannel();
    if (channel == null) {
      throw new IOException("RabbitMQ allows no more channels");
    }
    Subscription subscription = new Subscription(queue, prefetch, consumerOn, channel, null, null);
    synchronized (subscriptions) {
      if (stopping.getCount() == 0) {
        channel.abort();
        throw new IllegalStateException("stopping");
      }
      subscriptions.add(subscription);
    }
    channel.basicQos(prefetch);
    Consumer consumer = consumerOn.apply(channel);
    subscription = replace(subscription, subscription.with(null, consumer));
    String tag = channel.basicConsume(queue, false, consumer);
    replace(subscription, subscription.with(tag, consumer));
  }

  /** Puts {@code next} in the place of {@code current} among the subscriptions. */
  private Subscription replace(Subscription current, Subscription next) {
    synchronized (subscriptions) {
      int index = subscriptions.indexOf(current);
      if (index >= 0) {
        subscriptions.set(index, next);
      }
    }
    return next;
  }

  /**
   * Consumes again the queues whose consumer this instance lost while its connection stays up: a
   * channel closed by a channel-level error (the client's automatic recovery only reopens channels
   * after a connection failure) or a consumer RabbitMQ cancelled. Unacknowledged messages went back
   * to their queue when the channel closed, in their place; nothing is published again. Nothing
   * happens before the consumers have started, nor once they stop.
   */
  @Override
  public List<String> resumeLost() {
    if (started.getCount() > 0 || stopping.getCount() == 0) {
      return List.of();
    }
    List<Subscription> lost;
    synchronized (subscriptions) {
      lost = subscriptions.stream().filter(this::isLost).toList();
    }
    List<String> resumed = new ArrayList<>();
    for (Subscription subscription : lost) {
      synchronized (subscriptions) {
        subscriptions.remove(subscription);
      }
      stopQuietly(subscription);
      try {
        consume(
            connections.consuming(),
            subscription.queue(),
            subscription.prefetch(),
            subscription.consumerOn());
        resumed.add(stageOf(subscription.queue()));
        LOG.warn("{}: its consumer was lost; consuming it again", subscription.queue());
      } catch (IOException | RuntimeException e) {
        // the queue keeps its messages: the next reconciliation tries again
        LOG.warn("{}: cannot consume it again yet: {}", subscription.queue(), e.toString());
      }
    }
    return resumed;
  }

  private boolean isLost(Subscription subscription) {
    if (subscription.tag() == null) {
      return false; // still subscribing
    }
    if (subscription.consumer() instanceof OrderedConsumer ordered && ordered.cancelled()) {
      return true;
    }
    Channel channel = subscription.channel();
    return !channel.isOpen() && channel.getConnection().isOpen();
  }

  /**
   * The messages ready in each work queue that no instance consumes, by stage ({@code inbox} for
   * the ingest queue, {@code events} for the shard queues); only queues with messages and no
   * consumer count. Read with passive declarations on a channel of its own; empty while RabbitMQ
   * cannot be asked.
   */
  @Override
  public Map<String, Long> unconsumed() {
    Map<String, Long> waiting = new LinkedHashMap<>();
    Channel channel = null;
    try {
      channel = connections.consuming().createChannel();
      if (channel == null) {
        return Map.of();
      }
      for (String queue : topology.workQueues()) {
        AMQP.Queue.DeclareOk state = channel.queueDeclarePassive(queue);
        if (state.getConsumerCount() == 0 && state.getMessageCount() > 0) {
          waiting.merge(stageOf(queue), (long) state.getMessageCount(), Long::sum);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot look at the work queues: {}", e.toString());
      return Map.of();
    } finally {
      if (channel != null) {
        RabbitMqConnections.abortQuietly(channel);
      }
    }
    return waiting;
  }

  private String stageOf(String queue) {
    return queue.equals(topology.ingest())
        ? ReconciliationReport.INBOX
        : ReconciliationReport.EVENTS;
  }

  private static void stopQuietly(Subscription subscription) {
    if (subscription.consumer() instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.debug("stopping a consumer: {}", e.toString());
      }
    }
    RabbitMqConnections.abortQuietly(subscription.channel());
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
      if (subscription.consumer() instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.debug("stopping a consumer: {}", e.toString());
        }
      }
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

  /** The ingest queue's messages: batches of accepted webhooks (or replayed events among them). */
  private final class IngestWork implements IngestConsumer.Work {

    @Override
    public void processAll(List<IngestConsumer.Message> messages)
        throws QueueConsumer.UnreadableMessageException {
      List<RawWebhook> webhooks = new ArrayList<>();
      for (IngestConsumer.Message message : messages) {
        webhooks.addAll(webhooksOf(message.properties(), message.body()));
      }
      routeInOrder(webhooks);
    }

    /** A message's webhooks: a batch, or one webhook as earlier versions published them. */
    private List<RawWebhook> webhooksOf(AMQP.BasicProperties properties, byte[] body)
        throws QueueConsumer.UnreadableMessageException {
      if (Messages.isWebhookBatch(properties)) {
        return batch(body);
      }
      WebhookSource source =
          Messages.source(properties)
              .orElseThrow(
                  () ->
                      new QueueConsumer.UnreadableMessageException(
                          "a webhook without a valid " + Messages.SOURCE + " header"));
      return List.of(new RawWebhook(source, body, Messages.receivedAt(properties, Instant.now())));
    }

    /**
     * Routes the webhooks together, except that a dead-lettered event replayed through the inbox
     * (its body is the event's JSON) is published to its shard as it is, in its place.
     */
    private void routeInOrder(List<RawWebhook> webhooks)
        throws QueueConsumer.UnreadableMessageException {
      List<RawWebhook> run = new ArrayList<>();
      for (RawWebhook webhook : webhooks) {
        if (Messages.isEvent(webhook.body())) {
          routeTogether(run);
          events.publish(List.of(read(webhook.body())));
        } else {
          run.add(webhook);
        }
      }
      routeTogether(run);
    }

    private void routeTogether(List<RawWebhook> run) {
      if (!run.isEmpty()) {
        route.route(new RouteWebhookCommand(run));
        run.clear();
      }
    }

    @Override
    public void deadLetter(AMQP.BasicProperties properties, byte[] body, String reason) {
      if (Messages.isWebhookBatch(properties)) {
        List<RawWebhook> webhooks;
        try {
          webhooks = batch(body);
        } catch (QueueConsumer.UnreadableMessageException e) {
          LOG.error("an unreadable batch of webhooks goes to the dead-letter queue only");
          return;
        }
        // each webhook of the batch as it was received, so that each can be replayed
        transactions.run(
            () -> webhooks.forEach(webhook -> deadLetters.addWebhook(webhook, reason)));
        return;
      }
      Optional<WebhookSource> source = Messages.source(properties);
      if (source.isEmpty()) {
        LOG.error("a webhook without a valid source goes to the dead-letter queue only");
        return;
      }
      setAside(source.get(), body, Messages.receivedAt(properties, Instant.now()), reason);
    }

    private List<RawWebhook> batch(byte[] body) throws QueueConsumer.UnreadableMessageException {
      try {
        return WebhookBatches.decode(body);
      } catch (IllegalArgumentException e) {
        throw new QueueConsumer.UnreadableMessageException(e.getMessage());
      }
    }
  }

  /** A shard queue's messages: decoded events, several to a message (or one, as earlier). */
  private final class ShardWork implements QueueConsumer.Work {

    @Override
    public void process(AMQP.BasicProperties properties, byte[] body)
        throws QueueConsumer.UnreadableMessageException {
      List<ChannelEvent> events = readEvents(properties, body);
      handle.handle(new HandleEventCommand(events, Messages.acceptedAt(properties, events.size())));
    }

    /**
     * Sets aside what keeps failing. Of several events, each is tried once more on its own, so that
     * only those that fail are set aside, each as a dead letter of its own; the others are applied
     * (again: applying an event twice changes nothing). A failure of the store stops this: the
     * message is tried again later, nothing is set aside.
     */
    @Override
    public void deadLetter(AMQP.BasicProperties properties, byte[] body, String reason)
        throws Exception {
      if (!Messages.isEventGroup(properties)) {
        deadLetterOne(properties, body, reason);
        return;
      }
      List<ChannelEvent> group;
      try {
        group = readEvents(properties, body);
      } catch (QueueConsumer.UnreadableMessageException e) {
        LOG.error("an unreadable group of events goes to the dead-letter queue only");
        return;
      }
      for (ChannelEvent event : group) {
        try {
          handle.handle(new HandleEventCommand(event));
        } catch (RuntimeException failed) {
          if (Failures.isTransient(failed)) {
            throw failed;
          }
          setAside(
              Messages.sourceOf(event),
              codec.write(event).getBytes(StandardCharsets.UTF_8),
              Messages.receivedAt(properties, Instant.now()),
              reason);
        }
      }
    }

    private void deadLetterOne(AMQP.BasicProperties properties, byte[] body, String reason) {
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

    private List<ChannelEvent> readEvents(AMQP.BasicProperties properties, byte[] body)
        throws QueueConsumer.UnreadableMessageException {
      if (!Messages.isEventGroup(properties)) {
        return List.of(read(body));
      }
      try {
        List<ChannelEvent> events = codec.readEvents(new String(body, StandardCharsets.UTF_8));
        if (events.isEmpty()) {
          throw new QueueConsumer.UnreadableMessageException("a group of no events");
        }
        return events;
      } catch (IllegalArgumentException e) {
        throw new QueueConsumer.UnreadableMessageException(
            "the events cannot be read: " + e.getMessage());
      }
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

  /** One queue this instance consumes: how to consume it again, and the current consumer. */
  private record Subscription(
      String queue,
      int prefetch,
      Function<Channel, Consumer> consumerOn,
      Channel channel,
      String tag,
      Consumer consumer) {

    Subscription with(String tag, Consumer consumer) {
      return new Subscription(queue, prefetch, consumerOn, channel, tag, consumer);
    }
  }
}
