package dev.switchboard.adapters.rabbitmq;

import static dev.switchboard.adapters.rabbitmq.RabbitMqEventQueueTest.customerWrote;
import static dev.switchboard.adapters.rabbitmq.TestBroker.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapters.persistence.JdbcInbox;
import dev.switchboard.adapters.persistence.JournalInbox;
import dev.switchboard.adapters.persistence.OutboxCodec;
import dev.switchboard.adapters.persistence.TestDatabases;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.DeadLetter;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.ReconciliationReport;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.in.HandleEventUseCase;
import dev.switchboard.application.port.in.ReconcileCommand;
import dev.switchboard.application.port.in.ReplayDeadLetterCommand;
import dev.switchboard.application.port.in.ReplayDeadLetterUseCase;
import dev.switchboard.application.port.in.RouteWebhookUseCase;
import dev.switchboard.application.port.out.DeadLetters;
import dev.switchboard.application.port.out.EventQueue;
import dev.switchboard.application.port.out.Inbox;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.application.port.out.QueueConsumers;
import dev.switchboard.application.port.out.Transactions;
import dev.switchboard.application.service.ReconcileService;
import dev.switchboard.application.service.ReplayDeadLetterService;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The beans {@code switchboard.queue} selects, wired by Micronaut with the use cases the bootstrap
 * provides: the RabbitMQ mode end to end on the real broker (and an H2 database), and the embedded
 * mode that never reaches for RabbitMQ.
 */
class RabbitMqModeTest {

  private static final WebhookSource WHATSAPP = WebhookSource.of("whatsapp");

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");

  @TempDir Path dir;
  private TestBroker broker;
  private final List<RawWebhook> routed = Collections.synchronizedList(new ArrayList<>());
  private final List<ChannelEvent> handled = Collections.synchronizedList(new ArrayList<>());
  private final AtomicBoolean refuse = new AtomicBoolean(true);

  @BeforeEach
  void start() throws Exception {
    broker = new TestBroker();
    broker.settings(3);
  }

  @AfterEach
  void stop() throws Exception {
    broker.close();
  }

  @Test
  void rabbitmq_mode_consumes_on_startup_and_a_dead_lettered_event_can_be_replayed()
      throws Exception {
    Map<String, Object> properties = new HashMap<>(TestDatabases.h2(dir));
    properties.put("switchboard.queue", "rabbitmq");
    properties.put("rabbitmq.uri", TestBroker.URI);
    properties.put("switchboard.rabbitmq.prefix", broker.prefix);
    properties.put("switchboard.rabbitmq.shards", 3);
    properties.put("switchboard.rabbitmq.retry-pause", "20ms");
    RouteWebhookUseCase route = command -> routed.addAll(command.webhooks());
    HandleEventUseCase handle =
        command -> {
          if (refuse.get()) {
            throw new IllegalStateException("not yet");
          }
          handled.addAll(command.events());
        };
    try (ApplicationContext context =
        ApplicationContext.builder()
            .deduceEnvironment(false)
            .properties(properties)
            .singletons(Clock.systemUTC(), route, handle)
            .start()) {
      Inbox inbox = context.getBean(Inbox.class);
      EventQueue events = context.getBean(EventQueue.class);
      assertThat(inbox).isInstanceOf(RabbitMqInbox.class);
      assertThat(events).isInstanceOf(RabbitMqEventQueue.class);
      assertThat(context.containsBean(JdbcInbox.class)).isFalse();
      assertThat(context.containsBean(JournalInbox.class)).isFalse();
      assertThat(context.getBean(RabbitMqConnections.class).topology().shards()).isEqualTo(3);
      assertThat(context.getBean(RabbitMqConsumers.class).awaitStarted(WAIT)).isTrue();

      inbox
          .append(new RawWebhook(WHATSAPP, "hi".getBytes(StandardCharsets.UTF_8), AT))
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      await("routed", WAIT, () -> routed.size() == 1);
      assertThat(routed.get(0).receivedAt()).isEqualTo(AT);

      ChannelEvent event = customerWrote(CustomerId.phone("16505551234"), "m1", AT);
      events.publish(List.of(event));
      DeadLetters deadLetters = context.getBean(DeadLetters.class);
      await("dead-lettered", WAIT, () -> !deadLetters.list(10, null).isEmpty());
      DeadLetter letter = deadLetters.list(10, null).get(0);
      assertThat(letter.webhook().source())
          .as("set aside under its connection")
          .isEqualTo(WebhookSource.of("event", ConnectionId.DEFAULT));
      assertThat(context.getBean(OutboxCodec.class).readEvent(body(letter.webhook())))
          .isEqualTo(event);

      refuse.set(false);
      ReplayDeadLetterUseCase replay =
          new ReplayDeadLetterService(
              deadLetters,
              inbox,
              context.getBean(Outbox.class),
              context.getBean(Transactions.class),
              new Wakeup(),
              new Wakeup());
      assertThat(replay.replay(new ReplayDeadLetterCommand(letter.id())))
          .isEqualTo(ReplayDeadLetterUseCase.Result.REPLAYED);

      await("applied after the replay", WAIT, () -> handled.size() == 1);
      assertThat(handled).containsExactly(event);
      assertThat(deadLetters.list(10, null)).isEmpty();
      assertThat(routed).as("the replayed event was not routed as a webhook").hasSize(1);
    }
  }

  @Test
  void reconciliation_consumes_again_a_shard_queue_whose_consumer_was_lost() throws Exception {
    Map<String, Object> properties = new HashMap<>(TestDatabases.h2(dir));
    properties.put("switchboard.queue", "rabbitmq");
    properties.put("rabbitmq.uri", TestBroker.URI);
    properties.put("switchboard.rabbitmq.prefix", broker.prefix);
    properties.put("switchboard.rabbitmq.shards", 3);
    RouteWebhookUseCase route = command -> routed.addAll(command.webhooks());
    HandleEventUseCase handle = command -> handled.addAll(command.events());
    try (ApplicationContext context =
        ApplicationContext.builder()
            .deduceEnvironment(false)
            .properties(properties)
            .singletons(Clock.systemUTC(), route, handle)
            .start()) {
      RabbitMqConsumers consumers = context.getBean(RabbitMqConsumers.class);
      assertThat(context.getBean(QueueConsumers.class)).isSameAs(consumers);
      assertThat(consumers.awaitStarted(WAIT)).isTrue();
      assertThat(consumers.resumeLost()).as("nothing lost yet").isEmpty();
      ChannelEvent event = customerWrote(CustomerId.phone("16505551234"), "m-lost", AT);
      RabbitMqTopology topology = context.getBean(RabbitMqConnections.class).topology();
      String shard = topology.shard(topology.shardOf(event.key()));
      // an operator deletes the shard queue and it is declared again: RabbitMQ cancels the
      // consumer, and nothing in the bridge subscribes again by itself
      broker.channel().queueDelete(shard);
      topology.declare(broker.channel());
      await(
          "the broker cancelled the consumer",
          WAIT,
          () -> consumers.unconsumed().isEmpty() && !consumersOf(shard));
      context.getBean(EventQueue.class).publish(List.of(event));
      Thread.sleep(300); // a consumer, if one were running, would have taken it by now
      assertThat(handled).as("left behind in its queue").isEmpty();
      assertThat(consumers.unconsumed()).containsEntry(ReconciliationReport.EVENTS, 1L);

      ReconciliationReport report =
          new ReconcileService(
                  Optional.empty(),
                  context.getBean(Outbox.class),
                  Optional.of(consumers),
                  new Wakeup(),
                  new Wakeup(),
                  Clock.systemUTC(),
                  Duration.ofMinutes(5))
              .reconcile(new ReconcileCommand());

      assertThat(report.redriven(ReconciliationReport.EVENTS)).isEqualTo(1);
      assertThat(report.stuck(ReconciliationReport.EVENTS)).isEqualTo(1);
      await("applied once consumed again", WAIT, () -> handled.size() == 1);
      assertThat(handled).containsExactly(event);
      assertThat(consumers.resumeLost()).isEmpty();
      assertThat(consumers.unconsumed()).isEmpty();
    }
  }

  private boolean consumersOf(String queue) {
    try {
      return broker.channel().consumerCount(queue) > 0;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void with_the_pipeline_disabled_webhooks_are_accepted_but_nothing_consumes_them()
      throws Exception {
    Map<String, Object> properties = new HashMap<>(TestDatabases.h2(dir));
    properties.put("switchboard.queue", "rabbitmq");
    properties.put("switchboard.pipeline.enabled", "false");
    properties.put("rabbitmq.uri", TestBroker.URI);
    properties.put("switchboard.rabbitmq.prefix", broker.prefix);
    properties.put("switchboard.rabbitmq.shards", 3);
    RouteWebhookUseCase route = command -> routed.addAll(command.webhooks());
    try (ApplicationContext context =
        ApplicationContext.builder()
            .deduceEnvironment(false)
            .properties(properties)
            .singletons(Clock.systemUTC(), route)
            .start()) {
      assertThat(context.containsBean(RabbitMqConsumers.class)).isFalse();
      Inbox inbox = context.getBean(Inbox.class);

      inbox
          .append(new RawWebhook(WHATSAPP, "hi".getBytes(StandardCharsets.UTF_8), AT))
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);

      await("counted in the backlog", WAIT, () -> inbox.backlog() == 1);
      Thread.sleep(300); // a consumer, if one were running, would have taken it by now
      assertThat(routed).isEmpty();
      assertThat(inbox.backlog()).isEqualTo(1);
    }
  }

  @Test
  void embedded_mode_has_no_rabbitmq_bean_and_never_connects() {
    Map<String, Object> properties = new HashMap<>(TestDatabases.h2(dir));
    // a broker that does not exist: a bean reaching for it would fail the start or the lookups
    properties.put("rabbitmq.uri", "amqp://guest:guest@127.0.0.1:1");
    RouteWebhookUseCase route = command -> routed.addAll(command.webhooks());
    try (ApplicationContext context =
        ApplicationContext.builder()
            .deduceEnvironment(false)
            .properties(properties)
            .singletons(Clock.systemUTC(), route)
            .start()) {
      assertThat(context.getBean(Inbox.class)).isInstanceOf(JournalInbox.class);
      assertThat(context.containsBean(EventQueue.class)).isFalse();
      assertThat(context.containsBean(RabbitMqConnections.class)).isFalse();
      assertThat(context.containsBean(RabbitMqConsumers.class)).isFalse();
      assertThat(context.containsBean(RabbitMqSettings.class)).isFalse();
    }
    assertThat(routed).isEmpty();
  }

  private static String body(RawWebhook webhook) {
    return new String(webhook.body(), StandardCharsets.UTF_8);
  }
}
