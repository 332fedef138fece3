package dev.switchboard.adapters.rabbitmq;

import static dev.switchboard.adapters.rabbitmq.TestBroker.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.switchboard.adapters.persistence.OutboxCodec;
import dev.switchboard.adapters.persistence.PersistenceInstance;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.out.PolledInbox;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The RabbitMQ inbox against the real broker; where the network between them matters (confirms
 * arriving late or never, a connection lost), through a {@link BrokerProxy} in front of it.
 */
class RabbitMqInboxTest {

  private static final WebhookSource WHATSAPP = WebhookSource.of("whatsapp");
  private static final WebhookSource GENESYS = WebhookSource.of("genesys", ConnectionId.DEFAULT);

  private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123456Z");
  private static final Duration WAIT = Duration.ofSeconds(10);

  private TestBroker broker;
  private BrokerProxy proxy;
  private RabbitMqSettings settings;
  private RabbitMqConnections connections;
  private RabbitMqInbox inbox;
  private String ingest;

  @BeforeEach
  void start() throws Exception {
    broker = new TestBroker();
    settings = broker.settings(4);
    settings.setBacklogCache(Duration.ofMillis(300));
    connections = broker.connections(settings, "inbox-test");
    inbox = broker.track(new RabbitMqInbox(connections));
    ingest = broker.topology().ingest();
  }

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.release();
    }
    broker.close();
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void an_append_completes_once_confirmed_and_the_bytes_arrive_intact_with_their_headers()
      throws Exception {
    byte[] small = "{\"object\":\"whatsapp_business_account\"} ✓".getBytes(StandardCharsets.UTF_8);
    byte[] large = new byte[3 * 1024 * 1024 + 7];
    new Random(7).nextBytes(large);

    CompletableFuture<Void> first =
        inbox.append(new RawWebhook(WHATSAPP, small, AT)).toCompletableFuture();
    CompletableFuture<Void> second =
        inbox.append(new RawWebhook(GENESYS, large, AT.plusSeconds(1))).toCompletableFuture();
    first.get(10, TimeUnit.SECONDS);
    second.get(10, TimeUnit.SECONDS);

    assertThat(connections.isPublishingHealthy()).isTrue();
    // confirmed means queued: nothing to wait for
    List<GetResponse> messages = new ArrayList<>();
    for (GetResponse got = broker.take(ingest); got != null; got = broker.take(ingest)) {
      messages.add(got);
    }
    List<RawWebhook> arrived = new ArrayList<>();
    for (GetResponse message : messages) {
      assertThat(message.getProps().getDeliveryMode()).as("persistent").isEqualTo(2);
      assertThat(message.getProps().getContentType()).isEqualTo(Messages.WEBHOOKS_TYPE);
      assertThat(message.getProps().getTimestamp()).isNotNull();
      assertThat(message.getProps().getMessageId()).isNotBlank();
      arrived.addAll(WebhookBatches.decode(message.getBody()));
    }
    assertThat(messages).extracting(m -> m.getProps().getMessageId()).doesNotHaveDuplicates();
    assertThat(arrived).hasSize(2);
    assertThat(arrived.get(0).body()).isEqualTo(small);
    assertThat(arrived.get(1).body()).isEqualTo(large);
    assertThat(arrived).extracting(RawWebhook::source).containsExactly(WHATSAPP, GENESYS);
    assertThat(arrived).extracting(RawWebhook::receivedAt).containsExactly(AT, AT.plusSeconds(1));
    assertThat(inbox.outstanding()).isZero();
  }

  @Test
  void appends_that_wait_while_the_broker_confirms_share_one_message() throws Exception {
    RabbitMqInbox held = inboxThroughProxy(settings, "batch-test", 1);
    append(held, "warm-up").get(10, TimeUnit.SECONDS);
    proxy.hold();
    CompletableFuture<Void> first = append(held, "first");
    await("'first' out, waiting for its confirm", WAIT, () -> held.outstanding() == 1);
    List<CompletableFuture<Void>> gathered = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      gathered.add(append(held, "gathered-" + i));
    }
    await("all ten waiting while the one message is in flight", WAIT, () -> held.waiting() == 10);

    proxy.release();
    first.get(10, TimeUnit.SECONDS);
    for (CompletableFuture<Void> stage : gathered) {
      stage.get(10, TimeUnit.SECONDS);
    }
    List<GetResponse> messages = new ArrayList<>();
    for (GetResponse got = broker.take(ingest); got != null; got = broker.take(ingest)) {
      messages.add(got);
    }
    assertThat(messages).hasSize(3);
    assertThat(messages.get(2).getProps().getHeaders().get(Messages.COUNT)).isEqualTo(10);
    assertThat(texts(messages))
        .containsExactlyElementsOf(
            java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("warm-up", "first"),
                    IntStream.range(0, 10).mapToObj(i -> "gathered-" + i))
                .toList());
  }

  @Test
  void an_append_completes_only_once_the_broker_confirm_has_arrived() throws Exception {
    RabbitMqInbox held = inboxThroughProxy(settings, "confirm-test");
    append(held, "warm-up").get(10, TimeUnit.SECONDS);
    proxy.hold();

    CompletableFuture<Void> stage = append(held, "held");

    await("the broker's confirm (held back)", WAIT, () -> proxy.highestAck() >= 2);
    assertThat(broker.ready(ingest)).as("the broker has the message").isEqualTo(2);
    Thread.sleep(200);
    assertThat(stage).as("no confirm has reached the client yet").isNotDone();
    assertThat(held.outstanding()).isEqualTo(1);

    proxy.release();
    stage.get(10, TimeUnit.SECONDS);
    assertThat(held.outstanding()).isZero();
    assertThat(takeTexts()).containsExactly("warm-up", "held");
  }

  @Test
  void concurrent_appends_all_complete_in_publish_order_and_arrive_in_order_per_thread()
      throws Exception {
    int threads = 8;
    int perThread = 250;
    List<List<Integer>> completed = new ArrayList<>();
    List<CompletableFuture<Void>> stages = Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < threads; t++) {
      completed.add(Collections.synchronizedList(new ArrayList<>()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    long start;
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        running.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < perThread; i++) {
                    int index = i;
                    CompletionStage<Void> stage =
                        inbox.append(webhook("t" + thread + "-" + index + "-" + "x".repeat(1024)));
                    // registered before the next append of this thread: if the stages of one
                    // thread completed out of order, so would these
                    stage.whenComplete((done, failure) -> completed.get(thread).add(index));
                    stages.add(stage.toCompletableFuture());
                  }
                  return null;
                }));
      }
      start = System.nanoTime();
      go.countDown();
      for (Future<?> thread : running) {
        thread.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    System.out.printf(
        "RabbitMqInbox: %d appends of 1 KiB from %d threads confirmed in %.0f ms%n",
        threads * perThread, threads, (System.nanoTime() - start) / 1e6);

    List<Integer> inOrder = IntStream.range(0, perThread).boxed().collect(Collectors.toList());
    for (int t = 0; t < threads; t++) {
      assertThat(completed.get(t)).as("completions of thread %d", t).isEqualTo(inOrder);
    }
    assertThat(inbox.outstanding()).isZero();
    List<String> queued = takeTexts();
    assertThat(queued).hasSize(threads * perThread);
    List<List<Integer>> arrived = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      arrived.add(new ArrayList<>());
    }
    for (String text : queued) {
      String[] parts = text.split("-");
      arrived.get(Integer.parseInt(parts[0].substring(1))).add(Integer.parseInt(parts[1]));
    }
    for (int t = 0; t < threads; t++) {
      assertThat(arrived.get(t)).as("the queue order of thread %d", t).isEqualTo(inOrder);
    }
  }

  @Test
  void an_unroutable_append_fails_alone_among_those_outstanding() throws Exception {
    RabbitMqInbox held = inboxThroughProxy(settings, "return-test");
    append(held, "warm-up").get(10, TimeUnit.SECONDS);
    broker.take(ingest);
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    proxy.hold();

    CompletableFuture<Void> before = append(held, "before");
    before.whenComplete((done, failure) -> order.add("before"));
    await("'before' queued and confirmed", WAIT, () -> proxy.highestAck() >= 2);
    broker.channel().queueDelete(ingest);
    CompletableFuture<Void> lost = append(held, "lost");
    lost.whenComplete((done, failure) -> order.add("lost"));
    await("'lost' returned", WAIT, () -> proxy.returns() == 1);
    broker.topology().declare(broker.channel());
    CompletableFuture<Void> after = append(held, "after");
    after.whenComplete((done, failure) -> order.add("after"));
    await("'after' confirmed", WAIT, () -> proxy.highestAck() >= 4);
    assertThat(List.of(before, lost, after)).noneMatch(CompletableFuture::isDone);

    proxy.release();
    before.get(10, TimeUnit.SECONDS);
    assertThat(failureOf(lost))
        .isInstanceOf(RabbitMqUnavailableException.class)
        .hasMessageContaining("could not route the message to queue " + ingest)
        .hasMessageContaining("NO_ROUTE");
    after.get(10, TimeUnit.SECONDS);
    assertThat(order).containsExactly("before", "lost", "after");
    assertThat(held.outstanding()).isZero();
    assertThat(takeTexts()).as("'before' went with the deleted queue").containsExactly("after");
  }

  @Test
  void an_append_the_broker_refuses_fails() throws Exception {
    append(inbox, "0").get(10, TimeUnit.SECONDS);
    broker.channel().queueDelete(ingest);
    broker
        .channel()
        .queueDeclare(
            ingest, true, false, false, Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
    append(inbox, "1").get(10, TimeUnit.SECONDS);

    assertThat(failureOf(append(inbox, "2")))
        .isInstanceOf(RabbitMqUnavailableException.class)
        .hasMessageContaining("refused to store the message (a nack)");
    assertThat(broker.ready(ingest)).isEqualTo(1);
    assertThat(inbox.outstanding()).isZero();
  }

  @Test
  void an_append_to_a_missing_queue_fails_and_the_queues_are_declared_again() throws Exception {
    append(inbox, "1").get(10, TimeUnit.SECONDS);
    broker.channel().queueDelete(ingest);

    assertThat(failureOf(append(inbox, "2")))
        .isInstanceOf(RabbitMqUnavailableException.class)
        .hasMessageContaining("could not route");

    // declared again before the failure was reported
    append(inbox, "3").get(10, TimeUnit.SECONDS);
    assertThat(takeTexts()).containsExactly("3");
  }

  @Test
  void a_lost_connection_fails_the_outstanding_appends_and_a_later_one_succeeds_on_a_new_channel()
      throws Exception {
    RabbitMqSettings patient = broker.settings(4);
    patient.setConfirmTimeout(Duration.ofSeconds(60));
    RabbitMqInbox held = inboxThroughProxy(patient, "lost-test", 8);
    append(held, "warm-up").get(10, TimeUnit.SECONDS);
    Channel first = held.publishingChannel();
    proxy.hold();

    List<CompletableFuture<Void>> outstanding = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      outstanding.add(append(held, "lost-" + i));
    }
    await("the broker's confirms (held back)", WAIT, () -> allConfirmedAtTheBroker(held));
    assertThat(outstanding).noneMatch(CompletableFuture::isDone);

    long cut = System.nanoTime();
    proxy.cut();
    for (CompletableFuture<Void> stage : outstanding) {
      assertThat(failureOf(stage))
          .isInstanceOf(RabbitMqUnavailableException.class)
          .hasMessageContaining("channel closed before the broker confirmed");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - cut))
        .as("failed by the closing, not by the timeout")
        .isLessThan(Duration.ofSeconds(10));
    proxy.release();
    proxy.resetCounts();

    await("an append succeeds again", Duration.ofSeconds(30), () -> succeeds(held, "after"));
    assertThat(held.publishingChannel()).isNotNull().isNotSameAs(first);
    assertThat(first.isOpen()).as("the old channel was not recovered").isFalse();
    assertThat(held.outstanding()).isZero();
    assertThat(takeTexts())
        .as("the broker had stored what it confirmed: the failed appends are sent again later")
        .containsExactly("warm-up", "lost-0", "lost-1", "lost-2", "lost-3", "lost-4", "after");
  }

  @Test
  void a_channel_the_broker_closed_is_replaced_by_a_new_one() throws Exception {
    append(inbox, "1").get(10, TimeUnit.SECONDS);
    Channel first = inbox.publishingChannel();
    // a channel error: the broker closes the channel
    first.basicPublish(broker.prefix + "no-such-exchange", "", null, new byte[] {0});
    await("the channel closed", WAIT, () -> !first.isOpen());

    append(inbox, "2").get(10, TimeUnit.SECONDS);

    assertThat(inbox.publishingChannel()).isNotSameAs(first);
    assertThat(takeTexts()).containsExactly("1", "2");
  }

  @Test
  void an_append_never_confirmed_fails_after_the_confirm_timeout() throws Exception {
    RabbitMqSettings impatient = broker.settings(4);
    impatient.setConfirmTimeout(Duration.ofMillis(500));
    RabbitMqInbox held = inboxThroughProxy(impatient, "timeout-test");
    append(held, "warm-up").get(10, TimeUnit.SECONDS);
    Channel channel = held.publishingChannel();
    proxy.hold();

    long start = System.nanoTime();
    CompletableFuture<Void> stage = append(held, "unconfirmed");
    Throwable failure = failureOf(stage);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(failure)
        .isInstanceOf(RabbitMqUnavailableException.class)
        .hasMessage("RabbitMQ did not confirm within PT0.5S");
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    assertThat(took).isLessThan(Duration.ofSeconds(3));
    assertThat(held.outstanding()).isZero();

    // the late confirm changes nothing, and the channel goes on
    proxy.release();
    append(held, "next").get(10, TimeUnit.SECONDS);
    assertThat(held.publishingChannel()).isSameAs(channel);
    assertThat(stage.isCompletedExceptionally()).isTrue();
  }

  @Test
  void closing_the_inbox_fails_the_outstanding_appends_and_every_later_one() throws Exception {
    RabbitMqInbox held = inboxThroughProxy(settings, "close-test");
    append(held, "warm-up").get(10, TimeUnit.SECONDS);
    proxy.hold();
    CompletableFuture<Void> one = append(held, "one");
    CompletableFuture<Void> two = append(held, "two");
    await("the broker's confirms (held back)", WAIT, () -> allConfirmedAtTheBroker(held));

    held.close();

    assertThat(failureOf(one)).hasMessageContaining("inbox is closed");
    assertThat(failureOf(two)).hasMessageContaining("inbox is closed");
    CompletableFuture<Void> later = append(held, "later");
    assertThat(later.isCompletedExceptionally()).as("failed at once, not thrown").isTrue();
    assertThat(failureOf(later))
        .isInstanceOf(RabbitMqUnavailableException.class)
        .hasMessage("the RabbitMQ inbox is closed");
  }

  @Test
  void the_backlog_counts_what_waits_in_the_ingest_and_shard_queues_read_at_most_once_a_period()
      throws Exception {
    RabbitMqConnections connections = broker.connections(settings, "backlog-test");
    RabbitMqEventQueue events = new RabbitMqEventQueue(connections, new OutboxCodec());
    assertThat(inbox.backlog()).isZero();
    append(inbox, "1").get(10, TimeUnit.SECONDS);
    append(inbox, "2").get(10, TimeUnit.SECONDS);
    events.publish(
        List.of(
            new ChannelEvent.AgentTyping(ConnectionId.DEFAULT, CustomerId.phone("16505551234"), AT),
            new ChannelEvent.AgentTyping(
                new ConnectionId("sales"), CustomerId.phone("447700900123"), AT),
            new ChannelEvent.AgentTyping(ConnectionId.DEFAULT, CustomerId.opaque("US.1"), AT)));
    Thread.sleep(350);

    assertThat(inbox.backlog()).isEqualTo(5);
    append(inbox, "3").get(10, TimeUnit.SECONDS);
    assertThat(inbox.backlog()).as("still the reading of a moment ago").isEqualTo(5);
    Thread.sleep(350);
    assertThat(inbox.backlog()).isEqualTo(6);
  }

  @Test
  void it_is_no_polled_inbox_its_queue_is_consumed_by_the_broker_consumers() {
    assertThat(inbox).isNotInstanceOf(PolledInbox.class);
  }

  @Test
  void without_a_broker_an_append_fails_at_once_and_the_uri_is_never_quoted() throws Exception {
    RabbitMqConnections nowhere =
        new RabbitMqConnections(
            "amqp://guest:s3cret-pass@127.0.0.1:1", settings, new PersistenceInstance("nowhere"));
    RabbitMqInbox unreachable = new RabbitMqInbox(nowhere);
    try {
      RawWebhook webhook = new RawWebhook(WHATSAPP, new byte[] {1}, AT);
      long start = System.nanoTime();
      CompletableFuture<Void> first = unreachable.append(webhook).toCompletableFuture();
      assertThat(failureOf(first))
          .as("failed, not thrown")
          .isInstanceOf(RabbitMqUnavailableException.class)
          .hasMessageNotContaining("s3cret-pass");
      start = System.nanoTime();
      CompletableFuture<Void> second = unreachable.append(webhook).toCompletableFuture();
      Throwable secondFailure = failureOf(second);
      assertThat(seconds(start)).as("no second attempt within a second").isLessThan(0.5);
      assertThat(secondFailure)
          .isInstanceOf(RabbitMqUnavailableException.class)
          .hasMessageContaining("retrying");
      assertThatThrownBy(unreachable::backlog).isInstanceOf(RabbitMqUnavailableException.class);
      assertThat(nowhere.isPublishingHealthy()).isFalse();
    } finally {
      unreachable.close();
      nowhere.close();
    }
  }

  @Test
  void a_malformed_uri_is_refused_without_quoting_it() {
    assertThatThrownBy(
            () ->
                new RabbitMqConnections(
                    "amqp://guest:s3cret pass@[host", settings, new PersistenceInstance("x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rabbitmq.uri")
        .hasMessageNotContaining("s3cret")
        .hasNoCause();
  }

  // ---------------------------------------------------------------- helpers

  /** An inbox whose connections go through a new {@link #proxy}. */
  private RabbitMqInbox inboxThroughProxy(RabbitMqSettings settings, String instance)
      throws Exception {
    return inboxThroughProxy(settings, instance, RabbitMqInbox.BATCHES_IN_FLIGHT);
  }

  private RabbitMqInbox inboxThroughProxy(RabbitMqSettings settings, String instance, int inFlight)
      throws Exception {
    proxy = new BrokerProxy();
    return broker.track(
        new RabbitMqInbox(
            broker.connections(proxy.uri(), settings, instance + broker.prefix), inFlight));
  }

  /**
   * Whether every append of {@code inbox} went out and the broker confirmed every message it
   * published (one message, the first, was confirmed before the proxy held the confirms back).
   */
  private boolean allConfirmedAtTheBroker(RabbitMqInbox inbox) {
    return inbox.waiting() == 0
        && inbox.outstanding() > 0
        && proxy.highestAck() >= 1 + inbox.outstanding();
  }

  /** The webhooks' texts of every message left in the ingest queue, taking them, in order. */
  private List<String> takeTexts() throws Exception {
    List<GetResponse> messages = new ArrayList<>();
    for (GetResponse got = broker.take(ingest); got != null; got = broker.take(ingest)) {
      messages.add(got);
    }
    return texts(messages);
  }

  private static List<String> texts(List<GetResponse> messages) {
    List<String> texts = new ArrayList<>();
    for (GetResponse message : messages) {
      for (RawWebhook webhook : WebhookBatches.decode(message.getBody())) {
        texts.add(new String(webhook.body(), StandardCharsets.UTF_8));
      }
    }
    return texts;
  }

  private static RawWebhook webhook(String text) {
    return new RawWebhook(WHATSAPP, text.getBytes(StandardCharsets.UTF_8), AT);
  }

  private static CompletableFuture<Void> append(RabbitMqInbox inbox, String text) {
    return inbox.append(webhook(text)).toCompletableFuture();
  }

  /** Whether an append completes; false when it fails as the broker cannot be reached. */
  private static boolean succeeds(RabbitMqInbox inbox, String text) {
    try {
      append(inbox, text).get(10, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(RabbitMqUnavailableException.class);
      return false;
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("an append neither completed nor failed in time", e);
    }
  }

  /** Why a stage failed; fails the test when it completed, or did not fail within {@link #WAIT}. */
  private static Throwable failureOf(CompletableFuture<Void> stage) throws InterruptedException {
    try {
      stage.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      fail("the stage did not fail within " + WAIT);
    }
    return fail("the stage completed normally");
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
