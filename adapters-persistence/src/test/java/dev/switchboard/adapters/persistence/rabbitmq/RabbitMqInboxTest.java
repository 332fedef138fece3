package dev.switchboard.adapters.persistence.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.GetResponse;
import dev.switchboard.adapters.persistence.OutboxCodec;
import dev.switchboard.adapters.persistence.PersistenceInstance;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.domain.customer.CustomerId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The RabbitMQ inbox against the real broker. */
class RabbitMqInboxTest {

  private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123456Z");

  private TestBroker broker;
  private RabbitMqSettings settings;
  private RabbitMqConnections connections;
  private RabbitMqInbox inbox;

  @BeforeEach
  void start() throws Exception {
    broker = new TestBroker();
    settings = broker.settings(4);
    settings.setBacklogCache(Duration.ofMillis(300));
    connections = broker.connections(settings, "inbox-test");
    inbox = new RabbitMqInbox(connections);
  }

  @AfterEach
  void stop() throws Exception {
    broker.close();
  }

  @Test
  void an_append_returns_once_confirmed_and_the_bytes_arrive_intact_with_their_headers()
      throws Exception {
    byte[] small = "{\"object\":\"whatsapp_business_account\"} ✓".getBytes(StandardCharsets.UTF_8);
    byte[] large = new byte[3 * 1024 * 1024 + 7];
    new Random(7).nextBytes(large);

    inbox.append(new RawWebhook(WebhookSource.WHATSAPP, small, AT));
    inbox.append(new RawWebhook(WebhookSource.GENESYS, large, AT.plusSeconds(1)));

    assertThat(connections.isPublishingHealthy()).isTrue();
    // confirmed means queued: nothing to wait for
    assertThat(broker.ready(broker.topology().ingest())).isEqualTo(2);
    GetResponse first = broker.take(broker.topology().ingest());
    GetResponse second = broker.take(broker.topology().ingest());
    assertThat(first.getBody()).isEqualTo(small);
    assertThat(second.getBody()).isEqualTo(large);
    assertThat(Messages.source(first.getProps())).contains(WebhookSource.WHATSAPP);
    assertThat(Messages.source(second.getProps())).contains(WebhookSource.GENESYS);
    assertThat(Messages.receivedAt(first.getProps(), Instant.EPOCH)).isEqualTo(AT);
    assertThat(Messages.receivedAt(second.getProps(), Instant.EPOCH)).isEqualTo(AT.plusSeconds(1));
    assertThat(first.getProps().getDeliveryMode()).as("persistent").isEqualTo(2);
    assertThat(first.getProps().getMessageId()).isNotEqualTo(second.getProps().getMessageId());
  }

  @Test
  void an_append_the_broker_refuses_fails() throws Exception {
    String ingest = broker.topology().ingest();
    inbox.append(new RawWebhook(WebhookSource.WHATSAPP, new byte[] {0}, AT));
    broker.channel().queueDelete(ingest);
    broker
        .channel()
        .queueDeclare(
            ingest, true, false, false, Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
    inbox.append(new RawWebhook(WebhookSource.WHATSAPP, new byte[] {1}, AT));

    assertThatThrownBy(
            () -> inbox.append(new RawWebhook(WebhookSource.WHATSAPP, new byte[] {2}, AT)))
        .isInstanceOf(RabbitMqUnavailableException.class)
        .hasMessageContaining("did not confirm");
    assertThat(broker.ready(ingest)).isEqualTo(1);
  }

  @Test
  void an_append_to_a_missing_queue_fails_and_the_queues_are_declared_again() throws Exception {
    inbox.append(new RawWebhook(WebhookSource.WHATSAPP, new byte[] {1}, AT));
    broker.channel().queueDelete(broker.topology().ingest());

    assertThatThrownBy(
            () -> inbox.append(new RawWebhook(WebhookSource.WHATSAPP, new byte[] {2}, AT)))
        .isInstanceOf(RabbitMqUnavailableException.class)
        .hasMessageContaining("could not route");

    inbox.append(new RawWebhook(WebhookSource.WHATSAPP, new byte[] {3}, AT));
    assertThat(broker.take(broker.topology().ingest()).getBody()).containsExactly(3);
  }

  @Test
  void the_backlog_counts_what_waits_in_the_ingest_and_shard_queues_read_at_most_once_a_period()
      throws Exception {
    RabbitMqConnections connections = broker.connections(settings, "backlog-test");
    RabbitMqEventQueue events = new RabbitMqEventQueue(connections, new OutboxCodec());
    assertThat(inbox.backlog()).isZero();
    inbox.append(new RawWebhook(WebhookSource.WHATSAPP, new byte[] {1}, AT));
    inbox.append(new RawWebhook(WebhookSource.GENESYS, new byte[] {2}, AT));
    events.publish(
        List.of(
            new ChannelEvent.AgentTyping(CustomerId.phone("16505551234"), AT),
            new ChannelEvent.AgentTyping(CustomerId.phone("447700900123"), AT),
            new ChannelEvent.AgentTyping(CustomerId.opaque("US.1"), AT)));
    Thread.sleep(350);

    assertThat(inbox.backlog()).isEqualTo(5);
    inbox.append(new RawWebhook(WebhookSource.WHATSAPP, new byte[] {3}, AT));
    assertThat(inbox.backlog()).as("still the reading of a moment ago").isEqualTo(5);
    Thread.sleep(350);
    assertThat(inbox.backlog()).isEqualTo(6);
  }

  @Test
  void concurrent_appends_are_all_confirmed_and_arrive() throws Exception {
    int single = 1000;
    int threads = 8;
    int perThread = 500;
    byte[] body = new byte[2048];
    new Random(1).nextBytes(body);

    long start = System.nanoTime();
    for (int i = 0; i < single; i++) {
      inbox.append(new RawWebhook(WebhookSource.WHATSAPP, body, AT));
    }
    double singleRate = single / seconds(start);

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> running = new ArrayList<>();
      start = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        running.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    inbox.append(new RawWebhook(WebhookSource.GENESYS, body, AT));
                  }
                  return null;
                }));
      }
      for (Future<?> thread : running) {
        thread.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    double concurrentRate = threads * perThread / seconds(start);
    System.out.printf(
        "RabbitMqInbox append+confirm of 2 KiB: %.0f/s on 1 thread, %.0f/s on %d threads%n",
        singleRate, concurrentRate, threads);

    assertThat(broker.ready(broker.topology().ingest())).isEqualTo(single + threads * perThread);
  }

  @Test
  void the_polling_methods_of_the_embedded_mode_are_refused() {
    assertThatThrownBy(() -> inbox.oldest(1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> inbox.remove(1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> inbox.recordFailedAttempt(1))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("switchboard.queue=rabbitmq");
  }

  @Test
  void without_a_broker_an_append_fails_at_once_and_the_uri_is_never_quoted() {
    RabbitMqConnections nowhere =
        new RabbitMqConnections(
            "amqp://guest:s3cret-pass@127.0.0.1:1", settings, new PersistenceInstance("nowhere"));
    RabbitMqInbox unreachable = new RabbitMqInbox(nowhere);
    try {
      RawWebhook webhook = new RawWebhook(WebhookSource.WHATSAPP, new byte[] {1}, AT);
      assertThatThrownBy(() -> unreachable.append(webhook))
          .isInstanceOf(RabbitMqUnavailableException.class)
          .hasMessageNotContaining("s3cret-pass");
      long start = System.nanoTime();
      assertThatThrownBy(() -> unreachable.append(webhook))
          .isInstanceOf(RabbitMqUnavailableException.class)
          .hasMessageContaining("retrying");
      assertThat(seconds(start)).as("no second attempt within a second").isLessThan(0.5);
      assertThatThrownBy(unreachable::backlog).isInstanceOf(RabbitMqUnavailableException.class);
      assertThat(nowhere.isPublishingHealthy()).isFalse();
    } finally {
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

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
