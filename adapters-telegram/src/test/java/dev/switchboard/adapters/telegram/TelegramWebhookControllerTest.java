package dev.switchboard.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.application.fakes.RecordingAcceptWebhook;
import dev.switchboard.application.pipeline.WebhookSource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** The webhook endpoint in a running Micronaut server, driven over HTTP as Telegram drives it. */
class TelegramWebhookControllerTest {

  private static final String HEADER = "X-Telegram-Bot-Api-Secret-Token";
  private static final String C = "switchboard.connections.";

  private static EmbeddedServer server;
  private static RecordingAcceptWebhook store;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server =
        ApplicationContext.run(
            EmbeddedServer.class,
            Map.ofEntries(
                Map.entry("spec.name", "TelegramWebhookControllerTest"),
                Map.entry("micronaut.server.port", -1),
                Map.entry("micronaut.server.max-request-size", "8MB"),
                Map.entry(C + "support.channel", "telegram"),
                Map.entry(C + "support.telegram.bot-token", TestBots.SUPPORT_TOKEN),
                Map.entry(C + "support.telegram.secret-token", TestBots.SUPPORT_SECRET),
                Map.entry(C + "sales.channel", "telegram"),
                Map.entry(C + "sales.telegram.bot-token", TestBots.SALES_TOKEN),
                Map.entry(C + "sales.telegram.secret-token", TestBots.SALES_SECRET),
                Map.entry(C + "wa.channel", "whatsapp"),
                Map.entry(C + "wa.whatsapp.phone-number-id", "106540352242922")));
    store = server.getApplicationContext().getBean(RecordingAcceptWebhook.class);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void clear() {
    store.reset();
  }

  // ---------------------------------------------------------------- accepted

  @Test
  void an_update_with_the_right_secret_is_stored_as_the_exact_bytes_for_its_connection()
      throws Exception {
    byte[] body = Fixtures.telegram("text_message.json");

    HttpResponse<String> response = post("support", body, TestBots.SUPPORT_SECRET);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":\"accepted\"}");
    assertThat(store.accepted())
        .singleElement()
        .satisfies(
            command -> {
              assertThat(command.source())
                  .isEqualTo(WebhookSource.of("telegram", TestBots.SUPPORT));
              assertThat(command.source().value()).isEqualTo("telegram/support");
              assertThat(command.body()).isEqualTo(body);
            });
  }

  @Test
  void each_connection_is_checked_with_its_own_secret() throws Exception {
    byte[] body = Fixtures.telegram("text_message.json");

    assertUnauthorized(post("sales", body, TestBots.SUPPORT_SECRET));
    assertThat(post("sales", body, TestBots.SALES_SECRET).statusCode()).isEqualTo(200);
    assertThat(store.accepted())
        .singleElement()
        .satisfies(c -> assertThat(c.source().value()).isEqualTo("telegram/sales"));
  }

  @Test
  void a_body_that_is_not_json_is_stored_all_the_same_for_the_dead_letters() throws Exception {
    byte[] body = "{not json".getBytes(StandardCharsets.UTF_8);

    assertThat(post("support", body, TestBots.SUPPORT_SECRET).statusCode()).isEqualTo(200);
    assertThat(store.accepted())
        .singleElement()
        .satisfies(c -> assertThat(c.body()).isEqualTo(body));
  }

  @Test
  void a_3_mib_update_is_accepted() throws Exception {
    String head = "{\"update_id\":1,\"padding\":\"";
    String tail = "\"}";
    byte[] body =
        (head + "x".repeat(3 * 1024 * 1024 - head.length() - tail.length()) + tail)
            .getBytes(StandardCharsets.UTF_8);

    assertThat(post("support", body, TestBots.SUPPORT_SECRET).statusCode()).isEqualTo(200);
    assertThat(store.accepted())
        .singleElement()
        .satisfies(c -> assertThat(c.body()).isEqualTo(body));
  }

  @Test
  void over_the_backlog_bound_the_answer_is_429_with_retry_after() throws Exception {
    store.throttle(Duration.ofSeconds(7));

    HttpResponse<String> response =
        post("support", Fixtures.telegram("text_message.json"), TestBots.SUPPORT_SECRET);

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).contains("7");
  }

  @Test
  void when_the_store_fails_the_answer_is_503_so_that_telegram_sends_it_again() throws Exception {
    store.failWith(new IllegalStateException("inbox unavailable"));
    Logger log = (Logger) LoggerFactory.getLogger("dev.switchboard");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    log.addAppender(appender);
    log.setAdditive(false); // the expected error need not fill the build output
    try {
      HttpResponse<String> response =
          post("support", Fixtures.telegram("text_message.json"), TestBots.SUPPORT_SECRET);

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).contains("5");
      assertThat(appender.list)
          .isNotEmpty()
          .allSatisfy(
              e ->
                  assertThat(e.getFormattedMessage())
                      .contains("telegram/support")
                      .doesNotContain("Lovelace")
                      .doesNotContain("another colour")
                      .doesNotContain(TestBots.SUPPORT_SECRET));
    } finally {
      log.setAdditive(true);
      log.detachAppender(appender);
    }
  }

  // ---------------------------------------------------------------- refused

  @Test
  void a_missing_secret_is_refused_with_401() throws Exception {
    assertUnauthorized(post("support", Fixtures.telegram("text_message.json"), null));
  }

  @ParameterizedTest(name = "secret \"{0}\"")
  @ValueSource(
      strings = {
        "wrong-secret",
        "",
        "support-webhook_secret-012345678",
        "support-webhook_secret-01234567890",
        "SUPPORT-WEBHOOK_SECRET-0123456789"
      })
  void a_wrong_secret_is_refused_with_401(String secret) throws Exception {
    assertUnauthorized(post("support", Fixtures.telegram("text_message.json"), secret));
  }

  @ParameterizedTest(name = "connection \"{0}\"")
  @ValueSource(
      strings = {
        "nosuchbot",
        "wa",
        "default",
        "Support",
        "sup-port",
        "abcdefghijklmnopqrstuvwxyz0123456"
      })
  void a_connection_that_does_not_exist_or_is_not_a_telegram_one_is_404(String connection)
      throws Exception {
    HttpResponse<String> response =
        post(connection, Fixtures.telegram("text_message.json"), TestBots.SUPPORT_SECRET);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).doesNotContain(TestBots.SUPPORT_SECRET);
    assertThat(store.accepted()).isEmpty();
  }

  // ---------------------------------------------------------------- helpers

  private static void assertUnauthorized(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(response.body())
        .contains("\"error\"")
        .doesNotContain(TestBots.SUPPORT_SECRET)
        .doesNotContain(TestBots.SALES_SECRET);
    assertThat(store.accepted()).isEmpty();
  }

  private static HttpResponse<String> post(String connection, byte[] body, String secret)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.getURI().resolve("/webhooks/telegram/" + connection))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (secret != null) {
      request.header(HEADER, secret);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
