package dev.switchboard.bootstrap;

import static dev.switchboard.application.testing.StubHttpServer.pathContains;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import dev.switchboard.adapters.support.WebhookSignature;
import dev.switchboard.application.testing.StubHttpServer;
import dev.switchboard.application.testing.StubHttpServer.Answer;
import dev.switchboard.application.testing.StubHttpServer.Request;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Telegram connection survives what a WhatsApp one does: a {@code kill -9} with its work in
 * flight both ways, and the scaled mode (PostgreSQL and RabbitMQ) instead of the embedded default.
 */
class TelegramDurabilityTest {

  @TempDir Path dataDir;

  @Test
  void telegram_work_in_flight_at_a_kill_is_delivered_once_after_the_restart() throws Exception {
    try (StubHttpServer meta = Stubs.meta();
        StubHttpServer genesys = Stubs.genesys();
        StubHttpServer telegram = TelegramBridge.botApi(new AtomicLong(5000))) {
      Map<String, String> env = Stubs.environment(meta, genesys, dataDir.toString());
      // the connection from environment variables, as the README says works for names without -
      TelegramBridge.telegramConnection(telegram.url())
          .forEach(
              (name, value) -> env.put(RequiredSettings.environmentVariable(name), "" + value));
      try (BridgeProcess bridge = new BridgeProcess(env, dataDir.resolve("bridge.log"))) {
        bridge.start();
        // Genesys and Telegram are down: what is accepted now is only in the bridge's store
        genesys.answerAll(pathContains("/inbound/open/"), Answer.json(503, "{}"));
        telegram.answerAll(pathContains("/send"), Answer.json(502, "{\"ok\":false}"));
        Set<String> updates = new HashSet<>();
        Set<String> replies = new HashSet<>();
        for (int i = 0; i < 15; i++) {
          String update = TelegramBridge.message(2000 + i, 100 + i, "\"text\":\"u" + i + "\"");
          assertThat(
                  TelegramBridge.postUpdate(bridge.url(), update, TelegramBridge.SECRET_TOKEN)
                      .statusCode())
              .isEqualTo(200);
          updates.add(TelegramBridge.key(100 + i));
          assertThat(postAgent(bridge.url(), "g-crash-" + i, "reply " + i).statusCode())
              .isEqualTo(200);
          replies.add("reply " + i);
        }
        RunningBridge.pause(Duration.ofMillis(700)); // some attempts fail before the kill
        bridge.kill();
        genesys.answerByRoutes();
        telegram.answerByRoutes();

        bridge.start();
        RunningBridge.eventually(
            () -> forwarded(genesys).containsAll(updates) && sent(telegram).containsAll(replies),
            Duration.ofSeconds(60));
        // Telegram redelivers an update: it stays handled
        TelegramBridge.postUpdate(
            bridge.url(),
            TelegramBridge.message(2000, 100, "\"text\":\"u0\""),
            TelegramBridge.SECRET_TOKEN);
        RunningBridge.pause(Duration.ofSeconds(2));
        assertThat(forwardedList(genesys)).hasSize(updates.size()).doesNotHaveDuplicates();
        assertThat(sentList(telegram)).hasSize(replies.size()).doesNotHaveDuplicates();
      }
    }
  }

  @Test
  void a_telegram_connection_works_in_rabbitmq_mode_as_in_embedded_mode() throws Exception {
    String database = "sb_tg_" + UUID.randomUUID().toString().replace("-", "");
    String prefix = "sb-tg-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    try (Connection admin =
            DriverManager.getConnection(UpgradeTest.POSTGRES + "test", "postgres", "");
        Statement create = admin.createStatement()) {
      create.execute("CREATE DATABASE " + database);
    }
    try (StubHttpServer meta = Stubs.meta();
        StubHttpServer genesys = Stubs.genesys();
        StubHttpServer telegram = TelegramBridge.botApi(new AtomicLong(5000))) {
      Map<String, Object> properties = Stubs.properties(meta, genesys, dataDir.toString());
      properties.putAll(TelegramBridge.telegramConnection(telegram.url()));
      properties.put("switchboard.queue", "rabbitmq");
      properties.put("rabbitmq.uri", "amqp://guest:guest@127.0.0.1:5672");
      properties.put("switchboard.rabbitmq.prefix", prefix);
      properties.put("datasources.default.url", UpgradeTest.POSTGRES + database);
      properties.put("datasources.default.username", "postgres");
      properties.put("datasources.default.password", "");
      int port = RunningBridge.freePort();
      properties.put("micronaut.server.port", port);
      properties.put("switchboard.public-url", "http://localhost:" + port);
      try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
        String url = server.getURL().toString();
        for (int i = 0; i < 5; i++) {
          TelegramBridge.postUpdate(
              url,
              TelegramBridge.message(3000 + i, 300 + i, "\"text\":\"scaled " + i + "\""),
              TelegramBridge.SECRET_TOKEN);
        }
        TelegramBridge.postUpdate(
            url,
            TelegramBridge.message(3000, 300, "\"text\":\"scaled 0\""),
            TelegramBridge.SECRET_TOKEN);
        postAgent(url, "g-scaled", "answer in the scaled mode");

        RunningBridge.eventually(
            () ->
                forwardedList(genesys).size() == 5
                    && sent(telegram).contains("answer in the scaled mode")
                    && genesys.accepted(pathContains("/inbound/open/receipt")).stream()
                        .anyMatch(r -> r.text().contains("g-scaled")),
            Duration.ofSeconds(30));
        RunningBridge.pause(Duration.ofSeconds(1));
        assertThat(forwardedList(genesys))
            .as("in the order they were accepted, the redelivery once")
            .containsExactly(
                TelegramBridge.key(300),
                TelegramBridge.key(301),
                TelegramBridge.key(302),
                TelegramBridge.key(303),
                TelegramBridge.key(304));
      }
    } finally {
      deleteQueues(prefix);
      try (Connection admin =
              DriverManager.getConnection(UpgradeTest.POSTGRES + "test", "postgres", "");
          Statement drop = admin.createStatement()) {
        drop.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      }
    }
  }

  private static void deleteQueues(String prefix) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri("amqp://guest:guest@127.0.0.1:5672");
    try (com.rabbitmq.client.Connection connection = factory.newConnection();
        Channel channel = connection.createChannel()) {
      channel.queueDelete(prefix + "ingest");
      channel.queueDelete(prefix + "dead-letters");
      for (int shard = 0; shard < 8; shard++) {
        channel.queueDelete(prefix + "shard." + shard);
      }
      channel.exchangeDelete(prefix + "dead-letter");
    }
  }

  private static java.net.http.HttpResponse<String> postAgent(String url, String id, String text) {
    byte[] body = TelegramBridge.agent(id, "Text", text, null).getBytes(StandardCharsets.UTF_8);
    return Stubs.post(
        url + "/webhooks/genesys/" + TelegramBridge.CONNECTION,
        body,
        new WebhookSignature(TelegramBridge.GENESYS_SECRET, WebhookSignature.Encoding.BASE64)
            .sign(body));
  }

  private static Set<String> forwarded(StubHttpServer genesys) {
    return new HashSet<>(forwardedList(genesys));
  }

  private static List<String> forwardedList(StubHttpServer genesys) {
    List<String> keys = new ArrayList<>();
    for (Request request :
        genesys.accepted(
            pathContains("/messages/" + TelegramBridge.INTEGRATION + "/inbound/open/message"))) {
      String body = request.text();
      int at = body.indexOf("\"messageId\":\"");
      if (at >= 0) {
        keys.add(body.substring(at + 13, body.indexOf('"', at + 13)));
      }
    }
    return keys;
  }

  private static Set<String> sent(StubHttpServer telegram) {
    return new HashSet<>(sentList(telegram));
  }

  private static List<String> sentList(StubHttpServer telegram) {
    List<String> texts = new ArrayList<>();
    for (Request request : telegram.accepted(pathContains("/sendMessage"))) {
      String body = request.text();
      int at = body.indexOf("\"text\":\"");
      if (at >= 0) {
        texts.add(body.substring(at + 8, body.indexOf('"', at + 8)));
      }
    }
    return texts;
  }
}
