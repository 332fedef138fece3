package dev.switchboard.adapters.rabbitmq;

import static org.assertj.core.api.Assertions.fail;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.switchboard.adapters.persistence.PersistenceInstance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The real RabbitMQ at {@value #URI}, with queue names of their own for each test (a unique {@code
 * switchboard.rabbitmq.prefix}), deleted afterwards. Fails, rather than skips, when RabbitMQ is
 * down.
 */
final class TestBroker implements AutoCloseable {

  static final String URI = "amqp://guest:guest@127.0.0.1:5672";

  final String prefix = "sb-test-" + UUID.randomUUID().toString().substring(0, 8) + ".";
  private final Connection admin;
  private final Channel channel;
  private final List<Runnable> opened = new ArrayList<>();
  private int shards;

  TestBroker() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(URI);
    factory.setAutomaticRecoveryEnabled(false);
    admin = factory.newConnection("switchboard-test-admin");
    channel = admin.createChannel();
  }

  /** Settings for quick tests: short pauses, the test's own queue names. */
  RabbitMqSettings settings(int shards) {
    RabbitMqSettings settings = new RabbitMqSettings();
    settings.setPrefix(prefix);
    settings.setShards(shards);
    settings.setRetryPause(Duration.ofMillis(50));
    settings.setConfirmTimeout(Duration.ofSeconds(5));
    settings.setShutdownGrace(Duration.ofSeconds(5));
    this.shards = Math.max(this.shards, shards);
    return settings;
  }

  /** An instance's connections, closed with the broker. */
  RabbitMqConnections connections(RabbitMqSettings settings, String instance) {
    return connections(URI, settings, instance);
  }

  /** An instance's connections to the broker at {@code uri} (a proxy), closed with the broker. */
  RabbitMqConnections connections(String uri, RabbitMqSettings settings, String instance) {
    RabbitMqConnections connections =
        new RabbitMqConnections(uri, settings, new PersistenceInstance(instance));
    opened.add(connections::close);
    return connections;
  }

  /** An inbox, closed with the broker (before its connections). */
  RabbitMqInbox track(RabbitMqInbox inbox) {
    opened.add(inbox::close);
    return inbox;
  }

  /** Consumers, closed with the broker. */
  RabbitMqConsumers track(RabbitMqConsumers consumers) {
    opened.add(consumers::close);
    return consumers;
  }

  RabbitMqTopology topology() {
    return new RabbitMqTopology(prefix, shards);
  }

  /** A channel of a connection of the test's own, outside the bridge. */
  Channel channel() {
    return channel;
  }

  long ready(String queue) throws IOException {
    return channel.messageCount(queue);
  }

  /** Takes the next message of a queue, acknowledging it; null when there is none. */
  /** Takes the next message of a queue, or null when it is empty now. */
  GetResponse take(String queue) throws IOException {
    return channel.basicGet(queue, true);
  }

  /**
   * Takes the next message of a queue, waiting up to ten seconds for it: the broker routes a
   * rejected message to its dead-letter queue after the rejection has returned.
   */
  GetResponse awaitTake(String queue) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    GetResponse response = channel.basicGet(queue, true);
    while (response == null && System.nanoTime() < deadline) {
      Thread.sleep(20);
      response = channel.basicGet(queue, true);
    }
    if (response == null) {
      throw new AssertionError("no message reached " + queue + " within 10 s");
    }
    return response;
  }

  static String text(GetResponse response) {
    return new String(response.getBody(), StandardCharsets.UTF_8);
  }

  /** Closes a connection of the bridge from the broker's side, as a network failure would. */
  void closeFromBroker(String connectionNamePart) throws Exception {
    String listing =
        run(
            "rabbitmqctl",
            "-q",
            "list_connections",
            "--no-table-headers",
            "pid",
            "client_properties");
    List<String> pids = new ArrayList<>();
    for (String line : listing.split("\n")) {
      if (line.contains(connectionNamePart)) {
        pids.add(line.substring(0, line.indexOf('\t')).strip());
      }
    }
    if (pids.isEmpty()) {
      fail("no connection named like " + connectionNamePart + " in:\n" + listing);
    }
    for (String pid : pids) {
      run("rabbitmqctl", "-q", "close_connection", pid, "closed by a test");
    }
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      fail(String.join(" ", command) + " failed: " + output);
    }
    return output;
  }

  /** Waits until {@code condition} holds; fails after {@code timeout}. */
  static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void close() throws IOException, TimeoutException {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).run();
    }
    if (shards == 0) {
      admin.close();
      return;
    }
    Channel cleanup = admin.createChannel();
    RabbitMqTopology topology = topology();
    for (String queue : topology.workQueues()) {
      cleanup.queueDelete(queue);
    }
    cleanup.queueDelete(topology.deadLetters());
    cleanup.exchangeDelete(topology.deadLetterExchange());
    admin.close();
  }
}
