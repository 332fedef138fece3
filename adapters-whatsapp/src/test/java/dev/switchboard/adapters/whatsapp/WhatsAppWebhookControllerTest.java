package dev.switchboard.adapters.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.adapters.support.WebhookSignature;
import dev.switchboard.application.fakes.RecordingAcceptWebhook;
import dev.switchboard.application.pipeline.WebhookSource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** The webhook endpoint in a running Micronaut server, driven over HTTP as Meta drives it. */
class WhatsAppWebhookControllerTest {

  private static final String APP_SECRET = "meta-app-secret-for-tests";
  private static final String VERIFY_TOKEN = "verify-token-for-tests";
  private static final WebhookSignature META = signer(APP_SECRET);

  private static EmbeddedServer server;
  private static RecordingAcceptWebhook store;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server =
        ApplicationContext.run(
            EmbeddedServer.class,
            Map.of(
                "spec.name", "WhatsAppWebhookControllerTest",
                "micronaut.server.port", -1,
                "micronaut.server.max-request-size", "8MB",
                "switchboard.whatsapp.app-secret", APP_SECRET,
                "switchboard.whatsapp.verify-token", VERIFY_TOKEN,
                "switchboard.whatsapp.access-token", "unused-access-token",
                "switchboard.whatsapp.phone-number-id", "106540352242922"));
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

  // ---------------------------------------------------------------- signatures

  @Test
  void a_validly_signed_webhook_is_stored_as_the_exact_raw_bytes_and_answered_200()
      throws Exception {
    byte[] body = Fixtures.whatsapp("text_message.json");

    HttpResponse<String> response = post(body, META.sign(body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(store.accepted()).hasSize(1);
    assertThat(store.accepted().get(0).source()).isEqualTo(WebhookSource.of("whatsapp"));
    assertThat(store.accepted().get(0).body()).isEqualTo(body);
  }

  @Test
  void the_signature_is_checked_over_the_raw_bytes_as_meta_escapes_them() throws Exception {
    // \/ and \u0040 as Meta writes them: no serialiser writes this back
    byte[] body =
        ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":"
                + "{\"note\":\"a\\/b \\u0040 \\u00e4 \\ud83d\\udc4d\"},\"field\":\"messages\"}]}]}")
            .getBytes(StandardCharsets.US_ASCII);

    HttpResponse<String> response = post(body, META.sign(body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertStoredExactly(body);
  }

  @Test
  void a_tampered_body_is_refused_with_401() throws Exception {
    byte[] body = Fixtures.whatsapp("text_message.json");
    String signature = META.sign(body);
    byte[] tampered = Arrays.copyOf(body, body.length);
    tampered[tampered.length / 2] ^= 1;

    assertUnauthorized(post(tampered, signature));
  }

  @Test
  void a_signature_made_with_another_secret_is_refused() throws Exception {
    byte[] body = Fixtures.whatsapp("text_message.json");

    assertUnauthorized(post(body, signer("not-the-app-secret").sign(body)));
  }

  @Test
  void a_missing_signature_header_is_refused() throws Exception {
    byte[] body = Fixtures.whatsapp("text_message.json");

    assertUnauthorized(post(body, null));
  }

  @Test
  void the_signature_of_a_reserialised_body_is_refused() throws Exception {
    byte[] body = Fixtures.whatsapp("text_message.json");
    byte[] compact = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", "").getBytes();

    assertUnauthorized(post(body, META.sign(compact)));
  }

  @Test
  void the_right_mac_in_base64_is_refused() throws Exception {
    byte[] body = Fixtures.whatsapp("text_message.json");
    byte[] mac = HexFormat.of().parseHex(META.sign(body).substring("sha256=".length()));

    assertUnauthorized(post(body, "sha256=" + Base64.getEncoder().encodeToString(mac)));
  }

  @Test
  void the_right_mac_without_the_prefix_is_refused() throws Exception {
    byte[] body = Fixtures.whatsapp("text_message.json");

    assertUnauthorized(post(body, META.sign(body).substring("sha256=".length())));
  }

  @Test
  void the_right_mac_in_uppercase_hex_is_refused() throws Exception {
    byte[] body = Fixtures.whatsapp("text_message.json");
    String hex = META.sign(body).substring("sha256=".length());

    assertUnauthorized(post(body, "sha256=" + hex.toUpperCase(Locale.ROOT)));
  }

  @Test
  void a_garbage_signature_is_refused() throws Exception {
    byte[] body = Fixtures.whatsapp("text_message.json");

    assertUnauthorized(post(body, "sha256=zz"));
  }

  // ---------------------------------------------------------------- what is stored

  @Test
  void a_signed_body_that_is_not_json_is_still_stored_for_the_dead_letters() throws Exception {
    byte[] body = "{".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = post(body, META.sign(body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertStoredExactly(body);
  }

  @Test
  void a_signed_empty_body_is_stored_as_empty() throws Exception {
    byte[] body = new byte[0];

    HttpResponse<String> response = post(body, META.sign(body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(store.accepted()).singleElement().satisfies(c -> assertThat(c.body()).isEmpty());
  }

  @Test
  void a_signed_3_mib_webhook_is_accepted() throws Exception {
    String head = "{\"object\":\"whatsapp_business_account\",\"padding\":\"";
    String tail = "\"}";
    int size = 3 * 1024 * 1024;
    byte[] body =
        (head + "x".repeat(size - head.length() - tail.length()) + tail)
            .getBytes(StandardCharsets.UTF_8);
    assertThat(body).hasSize(size);

    HttpResponse<String> response = post(body, META.sign(body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertStoredExactly(body);
  }

  @Test
  void when_the_store_fails_the_answer_is_503_with_retry_after_and_the_body_is_not_logged()
      throws Exception {
    store.failWith(new IllegalStateException("inbox unavailable"));
    byte[] body = Fixtures.whatsapp("text_message.json");
    Logger log = (Logger) LoggerFactory.getLogger("dev.switchboard");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    log.addAppender(appender);
    log.setAdditive(false); // the expected error need not fill the build output
    try {
      HttpResponse<String> response = post(body, META.sign(body));

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).contains("5");
      assertThat(appender.list).isNotEmpty();
      assertThat(appender.list)
          .allSatisfy(
              e ->
                  assertThat(e.getFormattedMessage())
                      .doesNotContain("Sheena")
                      .doesNotContain("16505551234")
                      .doesNotContain("another color"));
    } finally {
      log.setAdditive(true);
      log.detachAppender(appender);
    }
  }

  @ParameterizedTest(name = "a wait of {0} ms is asked as Retry-After: {1}")
  @CsvSource({"7000, 7", "2500, 3", "1001, 2", "200, 1", "0, 1"})
  void over_the_backlog_bound_the_answer_is_429_with_retry_after_in_whole_seconds(
      long waitMillis, String retryAfter) throws Exception {
    store.throttle(Duration.ofMillis(waitMillis));
    byte[] body = Fixtures.whatsapp("text_message.json");

    HttpResponse<String> response = post(body, META.sign(body));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).contains(retryAfter);
    assertThat(response.body()).contains("\"error\"");
    assertThat(store.accepted()).isEmpty();
  }

  // ---------------------------------------------------------------- handshake

  @Test
  void the_handshake_with_the_right_token_echoes_the_challenge_as_text() throws Exception {
    HttpResponse<String> response = handshake("subscribe", VERIFY_TOKEN, "1158201444");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("1158201444");
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
  }

  @Test
  void the_handshake_with_a_wrong_token_is_forbidden() throws Exception {
    HttpResponse<String> response = handshake("subscribe", "not-the-token", "1158201444");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).doesNotContain("1158201444");
  }

  @Test
  void the_handshake_with_another_mode_is_forbidden() throws Exception {
    assertThat(handshake("unsubscribe", VERIFY_TOKEN, "1158201444").statusCode()).isEqualTo(403);
  }

  @Test
  void the_handshake_with_missing_parameters_is_forbidden() throws Exception {
    assertThat(handshake(null, VERIFY_TOKEN, "1").statusCode()).isEqualTo(403);
    assertThat(handshake("subscribe", null, "1").statusCode()).isEqualTo(403);
    assertThat(handshake("subscribe", VERIFY_TOKEN, null).statusCode()).isEqualTo(403);
    assertThat(handshake(null, null, null).statusCode()).isEqualTo(403);
  }

  // ---------------------------------------------------------------- helpers

  /** The store was given exactly one webhook, with exactly these bytes. */
  private static void assertStoredExactly(byte[] body) {
    assertThat(store.accepted())
        .singleElement()
        .satisfies(c -> assertThat(c.body()).isEqualTo(body));
  }

  private static void assertUnauthorized(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(response.body()).contains("\"error\"").doesNotContain(APP_SECRET);
    assertThat(store.accepted()).isEmpty();
  }

  private static HttpResponse<String> post(byte[] body, String signature)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.getURI().resolve("/webhooks/whatsapp"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header("X-Hub-Signature-256", signature);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> handshake(String mode, String token, String challenge)
      throws IOException, InterruptedException {
    StringBuilder query = new StringBuilder();
    append(query, "hub.mode", mode);
    append(query, "hub.verify_token", token);
    append(query, "hub.challenge", challenge);
    URI uri = server.getURI().resolve("/webhooks/whatsapp" + query);
    return HTTP.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void append(StringBuilder query, String name, String value) {
    if (value != null) {
      query.append(query.length() == 0 ? '?' : '&');
      query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }

  private static WebhookSignature signer(String secret) {
    return new WebhookSignature(secret, WebhookSignature.Encoding.HEX);
  }
}
