package dev.switchboard.adapters.rabbitmq;

import static dev.switchboard.adapters.rabbitmq.RabbitMqEventQueueTest.customerWrote;
import static dev.switchboard.adapters.rabbitmq.TestBroker.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import dev.switchboard.adapters.persistence.OutboxCodec;
import dev.switchboard.adapters.persistence.PersistenceInstance;
import dev.switchboard.adapters.persistence.StoredSources;
import dev.switchboard.application.fakes.InMemoryDeadLetters;
import dev.switchboard.application.fakes.InMemoryTransactions;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.in.HandleEventCommand;
import dev.switchboard.application.port.in.HandleEventUseCase;
import dev.switchboard.application.port.in.RouteWebhookCommand;
import dev.switchboard.application.port.in.RouteWebhookUseCase;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import io.micronaut.data.exceptions.DataAccessException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The consumers of the ingest and shard queues against the real broker. */
class RabbitMqConsumersTest {

  private static final WebhookSource WHATSAPP = WebhookSource.of("whatsapp");
  private static final WebhookSource GENESYS = WebhookSource.of("genesys", ConnectionId.DEFAULT);
  private static final ConnectionId SALES = new ConnectionId("sales");

  private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123Z");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final OutboxCodec codec = new OutboxCodec();
  private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();
  private final List<Handled> handled = Collections.synchronizedList(new ArrayList<>());
  private final List<RawWebhook> routed = Collections.synchronizedList(new ArrayList<>());
  private TestBroker broker;
  private RabbitMqSettings settings;

  /** An event applied by an instance. */
  record Handled(String instance, ChannelEvent event) {}

  @BeforeEach
  void start() throws Exception {
    broker = new TestBroker();
    settings = broker.settings(4);
  }

  @AfterEach
  void stop() throws Exception {
    broker.close();
  }

  // ---------------------------------------------------------------- ingest

  @Test
  void webhooks_are_routed_in_the_order_they_were_accepted() throws Exception {
    Instance instance = new Instance("a", this::record, handleInto("a"));
    instance.start();

    for (int i = 0; i < 30; i++) {
      instance
          .inbox
          .append(webhook(i % 2 == 0 ? WHATSAPP : GENESYS, "w" + i))
          .toCompletableFuture()
          .join();
    }

    await("30 routed", WAIT, () -> routed.size() == 30);
    assertThat(routed)
        .extracting(RabbitMqConsumersTest::body)
        .containsExactlyElementsOf(names("w", 30));
    assertThat(routed.get(1).source()).isEqualTo(GENESYS);
    assertThat(routed.get(0).receivedAt()).isEqualTo(AT);
    await("all acknowledged", WAIT, () -> ready(broker.topology().ingest()) == 0);
  }

  @Test
  void a_batch_of_webhooks_is_routed_with_one_command_in_its_order() throws Exception {
    List<RouteWebhookCommand> commands = Collections.synchronizedList(new ArrayList<>());
    Instance instance =
        new Instance(
            "a",
            command -> {
              commands.add(command);
              record(command);
            },
            handleInto("a"));
    instance.start();
    List<RawWebhook> batch =
        List.of(webhook(WHATSAPP, "b0"), webhook(GENESYS, "b1"), webhook(WHATSAPP, "b2"));

    broker
        .channel()
        .basicPublish(
            "",
            broker.topology().ingest(),
            Messages.webhooks(batch.size(), AT),
            WebhookBatches.encode(batch));

    await("3 routed", WAIT, () -> routed.size() == 3);
    assertThat(commands).hasSize(1);
    assertThat(routed).extracting(RabbitMqConsumersTest::body).containsExactly("b0", "b1", "b2");
    assertThat(routed).extracting(RawWebhook::source).containsExactly(WHATSAPP, GENESYS, WHATSAPP);
    await("acknowledged", WAIT, () -> ready(broker.topology().ingest()) == 0);
  }

  @Test
  void of_messages_routed_together_only_the_one_that_keeps_failing_is_set_aside() throws Exception {
    AtomicInteger badAttempts = new AtomicInteger();
    Instance instance =
        new Instance(
            "a",
            command -> {
              if (command.webhooks().stream().anyMatch(w -> body(w).equals("bad"))) {
                badAttempts.incrementAndGet();
                throw new IllegalArgumentException("no decoder wants it");
              }
              record(command);
            },
            handleInto("a"));
    broker.topology().declare(broker.channel());
    for (String text : List.of("a", "bad", "c")) {
      List<RawWebhook> one = List.of(webhook(WHATSAPP, text));
      broker
          .channel()
          .basicPublish(
              "", broker.topology().ingest(), Messages.webhooks(1, AT), WebhookBatches.encode(one));
    }

    instance.start(); // all three are there: they are delivered, and routed, together

    await("the others routed", WAIT, () -> routed.size() == 2);
    assertThat(routed).extracting(RabbitMqConsumersTest::body).containsExactly("a", "c");
    assertThat(deadLetters.webhooks())
        .singleElement()
        .satisfies(letter -> assertThat(body(letter.webhook())).isEqualTo("bad"));
    assertThat(badAttempts.get())
        .as("at most once together, then five times alone")
        .isBetween(5, 6);
    await("all settled", WAIT, () -> ready(broker.topology().ingest()) == 0);
  }

  @Test
  void when_the_store_fails_the_messages_wait_and_are_routed_once_it_is_back() throws Exception {
    AtomicInteger failuresLeft = new AtomicInteger(3);
    Instance instance =
        new Instance(
            "a",
            command -> {
              if (failuresLeft.getAndDecrement() > 0) {
                throw new DataAccessException(
                    "database error", new SQLTransientConnectionException("no connection"));
              }
              record(command);
            },
            handleInto("a"));
    instance.start();

    for (int i = 0; i < 4; i++) {
      instance.inbox.append(webhook(WHATSAPP, "w" + i)).toCompletableFuture().join();
    }

    await("4 routed", WAIT, () -> routed.size() == 4);
    assertThat(routed)
        .extracting(RabbitMqConsumersTest::body)
        .containsExactlyElementsOf(names("w", 4));
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void a_single_webhook_as_earlier_versions_published_it_is_still_routed() throws Exception {
    Instance instance = new Instance("a", this::record, handleInto("a"));
    instance.start();

    broker
        .channel()
        .basicPublish(
            "",
            broker.topology().ingest(),
            Messages.webhook(GENESYS, AT),
            "legacy".getBytes(StandardCharsets.UTF_8));

    await("routed", WAIT, () -> routed.size() == 1);
    assertThat(body(routed.get(0))).isEqualTo("legacy");
    assertThat(routed.get(0).source()).isEqualTo(GENESYS);
    assertThat(routed.get(0).receivedAt()).isEqualTo(AT);
  }

  @Test
  void a_batch_that_keeps_failing_sets_each_of_its_webhooks_aside_as_received() throws Exception {
    Instance instance =
        new Instance(
            "a",
            command -> {
              throw new IllegalArgumentException("no decoder wants them");
            },
            handleInto("a"));
    instance.start();
    List<RawWebhook> batch = List.of(webhook(WHATSAPP, "x0"), webhook(GENESYS, "x1"));

    broker
        .channel()
        .basicPublish(
            "",
            broker.topology().ingest(),
            Messages.webhooks(batch.size(), AT),
            WebhookBatches.encode(batch));

    await("set aside", WAIT, () -> deadLetters.webhooks().size() == 2);
    assertThat(deadLetters.webhooks())
        .extracting(letter -> body(letter.webhook()))
        .containsExactly("x0", "x1");
    assertThat(deadLetters.webhooks())
        .extracting(letter -> letter.webhook().source())
        .containsExactly(WHATSAPP, GENESYS);
    assertThat(deadLetters.webhooks().get(0).reason()).contains("failed 5 times");
    await("dead-lettered", WAIT, () -> ready(broker.topology().deadLetters()) == 1);
  }

  @Test
  void a_damaged_batch_goes_to_the_dead_letter_queue_at_once() throws Exception {
    Instance instance = new Instance("a", this::record, handleInto("a"));
    instance.start();

    broker
        .channel()
        .basicPublish(
            "",
            broker.topology().ingest(),
            Messages.webhooks(1, AT),
            new byte[] {WebhookBatches.VERSION, 8, 'W', 'H'});

    await("dead-lettered", WAIT, () -> ready(broker.topology().deadLetters()) == 1);
    assertThat(routed).isEmpty();
  }

  @Test
  void a_webhook_is_acknowledged_only_once_routed_and_comes_again_after_a_restart()
      throws Exception {
    settings.setShutdownGrace(Duration.ofMillis(200));
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    Instance first =
        new Instance(
            "a",
            command -> {
              if (calls.incrementAndGet() == 1) {
                entered.countDown();
                awaitQuietly(release);
              }
              record(command);
            },
            handleInto("a"));
    first.start();
    for (int i = 0; i < 3; i++) {
      first.inbox.append(webhook(WHATSAPP, "w" + i)).toCompletableFuture().join();
    }
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    await(
        "all delivered ahead, none acknowledged",
        WAIT,
        () -> ready(broker.topology().ingest()) == 0);

    first.consumers.close();
    release.countDown();

    await(
        "the unacknowledged webhooks are back", WAIT, () -> ready(broker.topology().ingest()) == 3);
    Instance second = new Instance("b", this::record, handleInto("b"));
    second.start();
    await(
        "3 routed again", WAIT, () -> routed.size() >= 4 && ready(broker.topology().ingest()) == 0);
    List<String> bodies = routed.stream().map(RabbitMqConsumersTest::body).toList();
    assertThat(bodies.subList(bodies.size() - 3, bodies.size()))
        .as("none was acknowledged, so all come again, in order")
        .containsExactly("w0", "w1", "w2");
    assertThat(List.of("w0", "w1", "w2"))
        .as("what the first instance routed before it stopped")
        .startsWith(bodies.subList(0, bodies.size() - 3).toArray(String[]::new));
  }

  @Test
  void a_webhook_that_keeps_failing_is_set_aside_as_received_after_five_attempts()
      throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Instance instance =
        new Instance(
            "a",
            command -> {
              if (command.webhooks().stream().anyMatch(w -> body(w).equals("bad"))) {
                attempts.incrementAndGet();
                throw new IllegalArgumentException("no decoder wants it");
              }
              record(command);
            },
            handleInto("a"));
    instance.start();

    instance.inbox.append(webhook(GENESYS, "bad")).toCompletableFuture().join();
    instance.inbox.append(webhook(WHATSAPP, "good")).toCompletableFuture().join();

    await("the next webhook routed", WAIT, () -> routed.size() == 1);
    assertThat(attempts.get()).as("five alone, maybe one more with the next").isBetween(5, 6);
    assertThat(deadLetters.webhooks()).hasSize(1);
    InMemoryDeadLetters.WebhookLetter letter = deadLetters.webhooks().get(0);
    assertThat(body(letter.webhook())).isEqualTo("bad");
    assertThat(letter.webhook().source()).isEqualTo(GENESYS);
    assertThat(letter.webhook().receivedAt()).isEqualTo(AT);
    assertThat(letter.reason()).contains("failed 5 times").contains("no decoder wants it");
    GetResponse dead = broker.awaitTake(broker.topology().deadLetters());
    assertThat(WebhookBatches.decode(dead.getBody()))
        .extracting(w -> body(w))
        .containsExactly("bad");
  }

  @Test
  void a_webhook_without_a_source_goes_to_the_dead_letter_queue_at_once() throws Exception {
    Instance instance = new Instance("a", this::record, handleInto("a"));
    instance.start();

    broker
        .channel()
        .basicPublish(
            "",
            broker.topology().ingest(),
            new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
            "anonymous".getBytes(StandardCharsets.UTF_8));

    await("dead-lettered", WAIT, () -> ready(broker.topology().deadLetters()) == 1);
    assertThat(routed).isEmpty();
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  // ---------------------------------------------------------------- shards

  @Test
  void each_customers_events_are_applied_in_order_by_one_instance_per_shard_even_after_one_stops()
      throws Exception {
    Instance a = new Instance("a", this::record, handleInto("a"));
    Instance b = new Instance("b", this::record, handleInto("b"));
    a.start();
    b.start();
    List<CustomerId> customers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      customers.add(CustomerId.phone("165055500" + String.format("%02d", i)));
    }
    Map<CustomerId, List<String>> expected = new LinkedHashMap<>();

    publishRounds(a, customers, 0, 25, expected);
    await("200 applied", WAIT, () -> handled.size() == 200);

    Map<Integer, Set<String>> instancesByShard = new LinkedHashMap<>();
    synchronized (handled) {
      for (Handled h : handled) {
        instancesByShard
            .computeIfAbsent(broker.topology().shardOf(h.event().key()), s -> new HashSet<>())
            .add(h.instance());
      }
    }
    assertThat(instancesByShard.values())
        .as("a single active consumer per shard")
        .allSatisfy(instances -> assertThat(instances).hasSize(1));
    assertThat(idsByCustomer(handled)).isEqualTo(expected);

    a.consumers.close();
    int before = handled.size();
    publishRounds(b, customers, 25, 35, expected);
    await("80 more applied", WAIT, () -> handled.size() == before + 80);

    assertThat(handled.subList(before, handled.size()))
        .extracting(Handled::instance)
        .as("the other instance took over every shard")
        .containsOnly("b");
    assertThat(idsByCustomer(handled)).isEqualTo(expected);
  }

  @Test
  void an_event_that_fails_for_want_of_the_store_is_tried_again_in_order_however_often()
      throws Exception {
    Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    Instance instance =
        new Instance(
            "a",
            this::record,
            eachEvent(
                event -> {
                  String id = id(event);
                  int attempt =
                      attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                  if (id.equals("m3") && attempt <= 7) {
                    throw new DataAccessException(
                        "database error", new SQLTransientConnectionException("no connection"));
                  }
                  handled.add(new Handled("a", event));
                }));
    instance.start();
    CustomerId customer = CustomerId.phone("16505551234");

    for (int i = 1; i <= 5; i++) {
      instance.events.publish(List.of(customerWrote(customer, "m" + i, AT.plusSeconds(i))));
    }

    await("5 applied", WAIT, () -> handled.size() == 5);
    assertThat(handled)
        .extracting(h -> id(h.event()))
        .containsExactly("m1", "m2", "m3", "m4", "m5");
    assertThat(attempts.get("m3").get()).as("more than max-attempts: not counted").isEqualTo(8);
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void an_event_that_keeps_failing_is_set_aside_after_five_attempts_and_its_shard_moves_on()
      throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Instance instance =
        new Instance(
            "a",
            this::record,
            eachEvent(
                event -> {
                  if (id(event).equals("m2")) {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("the rules refuse it");
                  }
                  // applying an event again changes nothing, as in the real handler
                  if (handled.stream().noneMatch(h -> h.event().equals(event))) {
                    handled.add(new Handled("a", event));
                  }
                }));
    instance.start();
    CustomerId customer = CustomerId.phone("16505551234");
    ChannelEvent poison = customerWrote(SALES, customer, "m2", AT.plusSeconds(2));

    instance.events.publish(
        List.of(
            customerWrote(SALES, customer, "m1", AT.plusSeconds(1)),
            poison,
            customerWrote(SALES, customer, "m3", AT.plusSeconds(3))));

    await("the others applied", WAIT, () -> handled.size() == 2);
    assertThat(handled).extracting(h -> id(h.event())).containsExactly("m1", "m3");
    assertThat(attempts.get()).as("five times with its group, once more alone").isEqualTo(6);
    assertThat(deadLetters.webhooks()).hasSize(1);
    InMemoryDeadLetters.WebhookLetter letter = deadLetters.webhooks().get(0);
    assertThat(letter.webhook().source()).isEqualTo(WebhookSource.of("event", SALES));
    assertThat(codec.readEvent(body(letter.webhook()))).isEqualTo(poison);
    assertThat(letter.reason()).contains("failed 5 times").contains("the rules refuse it");
    GetResponse dead = broker.awaitTake(broker.topology().deadLetters());
    assertThat(codec.readEvents(TestBroker.text(dead)))
        .as("the message as it was goes to the dead-letter queue")
        .contains(poison);
  }

  @Test
  void a_shards_events_of_one_publish_are_handled_with_one_command_in_order() throws Exception {
    List<HandleEventCommand> commands = Collections.synchronizedList(new ArrayList<>());
    Instance instance =
        new Instance(
            "a",
            this::record,
            command -> {
              commands.add(command);
              command.events().forEach(event -> handled.add(new Handled("a", event)));
            });
    instance.start();
    CustomerId customer = CustomerId.phone("16505551234");

    instance.events.publish(
        List.of(
            customerWrote(customer, "m1", AT),
            customerWrote(customer, "m2", AT.plusSeconds(1)),
            customerWrote(customer, "m3", AT.plusSeconds(2))));

    await("3 applied", WAIT, () -> handled.size() == 3);
    assertThat(commands).hasSize(1);
    assertThat(handled).extracting(h -> id(h.event())).containsExactly("m1", "m2", "m3");
  }

  @Test
  void a_single_event_as_earlier_versions_published_it_is_still_applied() throws Exception {
    Instance instance = new Instance("a", this::record, handleInto("a"));
    instance.start();
    ChannelEvent event = customerWrote(CustomerId.phone("16505551234"), "legacy", AT);

    broker
        .channel()
        .basicPublish(
            "",
            broker.topology().shard(broker.topology().shardOf(event.key())),
            Messages.event(event, AT),
            codec.write(event).getBytes(StandardCharsets.UTF_8));

    await("applied", WAIT, () -> handled.size() == 1);
    assertThat(handled.get(0).event()).isEqualTo(event);
  }

  @Test
  void an_event_that_cannot_be_read_is_set_aside_at_once() throws Exception {
    Instance instance = new Instance("a", this::record, handleInto("a"));
    instance.start();
    String shard = broker.topology().shard(0);

    broker
        .channel()
        .basicPublish(
            "",
            shard,
            Messages.webhook(GENESYS, AT),
            "{\"@type\":\"ChannelEvent.Gone\"}".getBytes(StandardCharsets.UTF_8));

    await("set aside", WAIT, () -> !deadLetters.webhooks().isEmpty());
    assertThat(deadLetters.webhooks().get(0).reason()).startsWith("the event cannot be read");
    assertThat(deadLetters.webhooks().get(0).webhook().source()).isEqualTo(GENESYS);
    await("dead-lettered", WAIT, () -> ready(broker.topology().deadLetters()) == 1);
    assertThat(handled).isEmpty();
  }

  @Test
  void an_unacknowledged_event_is_delivered_again_to_the_next_consumer() throws Exception {
    settings.setShutdownGrace(Duration.ofMillis(200));
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    Instance first =
        new Instance(
            "a",
            this::record,
            eachEvent(
                event -> {
                  entered.countDown();
                  awaitQuietly(release);
                  handled.add(new Handled("a", event));
                }));
    first.start();
    ChannelEvent event = customerWrote(CustomerId.phone("16505551234"), "m1", AT);
    first.events.publish(List.of(event));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    first.consumers.close();
    release.countDown();
    Instance second = new Instance("b", this::record, handleInto("b"));
    second.start();

    await(
        "applied by the next consumer",
        WAIT,
        () -> handled.stream().anyMatch(h -> h.instance().equals("b")));
    assertThat(handled)
        .filteredOn(h -> h.instance().equals("b"))
        .extracting(Handled::event)
        .containsExactly(event);
  }

  @ParameterizedTest(name = "set aside as {0}")
  @ValueSource(strings = {"event/sales", "WHATSAPP"})
  void a_replayed_event_dead_letter_is_published_to_its_shard_again(String storedSource)
      throws Exception {
    Instance instance = new Instance("a", this::record, handleInto("a"));
    instance.start();
    ChannelEvent event = customerWrote(SALES, CustomerId.opaque("US.1"), "m1", AT);

    // what the replay use case appends: the dead letter's webhook, whose body is the event's JSON
    // (set aside as this release does, or as the previous one did, under the customer's side)
    instance
        .inbox
        .append(
            new RawWebhook(
                StoredSources.read(storedSource),
                codec.write(event).getBytes(StandardCharsets.UTF_8),
                AT))
        .toCompletableFuture()
        .join();

    await("applied", WAIT, () -> handled.size() == 1);
    assertThat(handled.get(0).event()).isEqualTo(event);
    assertThat(routed).isEmpty();
  }

  // ---------------------------------------------------------------- recovery

  @Test
  void consumers_and_publishers_resume_after_the_broker_drops_their_connections() throws Exception {
    String name = "recovering-" + broker.prefix;
    Instance instance = new Instance(name, this::record, handleInto("a"));
    instance.start();
    CustomerId customer = CustomerId.phone("16505551234");
    instance.events.publish(List.of(customerWrote(customer, "m1", AT)));
    await("applied", WAIT, () -> handled.size() == 1);

    broker.closeFromBroker("\"switchboard-consume " + name + "\"");
    broker.closeFromBroker("\"switchboard-publish " + name + "\"");

    await(
        "a publish goes through again",
        WAIT,
        () -> {
          try {
            instance
                .inbox
                .append(webhook(WHATSAPP, "after"))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
            return true;
          } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(RabbitMqUnavailableException.class);
            return false;
          } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("an append neither completed nor failed in time", e);
          }
        });
    instance.events.publish(List.of(customerWrote(customer, "m2", AT)));
    await("consumed again", WAIT, () -> handled.size() == 2 && routed.size() == 1);
    assertThat(handled).extracting(h -> id(h.event())).containsExactly("m1", "m2");
  }

  @Test
  void without_a_broker_the_consumers_keep_trying_in_the_background_and_stop_at_once()
      throws Exception {
    RabbitMqConnections nowhere =
        new RabbitMqConnections(
            "amqp://guest:guest@127.0.0.1:1", settings, new PersistenceInstance("nowhere"));
    RabbitMqConsumers consumers =
        new RabbitMqConsumers(
            nowhere,
            this::record,
            handleInto("a"),
            new RabbitMqEventQueue(nowhere, codec),
            deadLetters,
            new InMemoryTransactions(),
            codec);
    try {
      consumers.start();
      assertThat(consumers.awaitStarted(Duration.ofMillis(300))).isFalse();
    } finally {
      long start = System.nanoTime();
      consumers.close();
      nowhere.close();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }

  // ---------------------------------------------------------------- helpers

  /** One bridge instance: its own connections, inbox, event queue and consumers. */
  private final class Instance {
    final RabbitMqConnections connections;
    final RabbitMqInbox inbox;
    final RabbitMqEventQueue events;
    final RabbitMqConsumers consumers;

    Instance(String name, RouteWebhookUseCase route, HandleEventUseCase handle) {
      connections = broker.connections(settings, name);
      inbox = broker.track(new RabbitMqInbox(connections));
      events = new RabbitMqEventQueue(connections, codec);
      consumers =
          broker.track(
              new RabbitMqConsumers(
                  connections,
                  route,
                  handle,
                  events,
                  deadLetters,
                  new InMemoryTransactions(),
                  codec));
    }

    void start() throws InterruptedException {
      consumers.start();
      assertThat(consumers.awaitStarted(WAIT)).isTrue();
    }
  }

  private void record(RouteWebhookCommand command) {
    routed.addAll(command.webhooks());
  }

  private HandleEventUseCase handleInto(String instance) {
    return eachEvent(event -> handled.add(new Handled(instance, event)));
  }

  /** A handler that applies each event of a message in turn, stopping at the first that throws. */
  private static HandleEventUseCase eachEvent(java.util.function.Consumer<ChannelEvent> apply) {
    return command -> command.events().forEach(apply);
  }

  private void publishRounds(
      Instance instance,
      List<CustomerId> customers,
      int from,
      int to,
      Map<CustomerId, List<String>> expected) {
    for (int round = from; round < to; round++) {
      List<ChannelEvent> batch = new ArrayList<>();
      for (CustomerId customer : customers) {
        String id = customer.value() + "#" + round;
        batch.add(customerWrote(customer, id, AT.plusSeconds(round)));
        expected.computeIfAbsent(customer, c -> new ArrayList<>()).add(id);
      }
      instance.events.publish(batch);
    }
  }

  private static Map<CustomerId, List<String>> idsByCustomer(List<Handled> handled) {
    Map<CustomerId, List<String>> ids = new LinkedHashMap<>();
    synchronized (handled) {
      for (Handled h : handled) {
        ids.computeIfAbsent(h.event().customer(), c -> new ArrayList<>()).add(id(h.event()));
      }
    }
    return ids;
  }

  private static String id(ChannelEvent event) {
    return ((ChannelEvent.CustomerMessage) event).message().channelMessageId();
  }

  private long ready(String queue) {
    try {
      return broker.ready(queue);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RawWebhook webhook(WebhookSource source, String body) {
    return new RawWebhook(source, body.getBytes(StandardCharsets.UTF_8), AT);
  }

  private static String body(RawWebhook webhook) {
    return new String(webhook.body(), StandardCharsets.UTF_8);
  }

  private static List<String> names(String prefix, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(prefix + i);
    }
    return names;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
