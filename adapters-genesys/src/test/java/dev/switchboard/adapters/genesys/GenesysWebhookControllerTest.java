package dev.switchboard.adapters.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.fakes.RecordingAcceptWebhook;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.in.AcceptWebhookCommand;
import dev.switchboard.domain.channel.ConnectionId;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@MicronautTest
@Property(name = "switchboard.genesys.webhook-secret", value = GenesysWebhookControllerTest.SECRET)
@Property(
    name = "switchboard.genesys.integration-id",
    value = "6685901b-6d0e-43db-95ff-d64406e9dce2")
@Property(name = "switchboard.genesys.client-id", value = "the-client")
@Property(name = "switchboard.genesys.client-secret", value = "the-client-secret")
@Property(name = "switchboard.connections.second.channel", value = "whatsapp")
@Property(
    name = "switchboard.connections.second.genesys.integration-id",
    value = "a1b2c3d4-0000-4000-8000-000000000002")
@Property(
    name = "switchboard.connections.second.genesys.webhook-secret",
    value = GenesysWebhookControllerTest.SECOND_SECRET)
class GenesysWebhookControllerTest {

  static final String SECRET = "genesys-webhook-secret-0123456789";
  static final String SECOND_SECRET = "second-webhook-secret-9876543210";

  /** JSON as no serialiser writes it back: escaped slash and non-ASCII, odd spacing. */
  private static final byte[] BODY =
      ("{\"id\":\"5f1f3ae8c6b4a2f9e0d7c1b3a5e9f201\",  \"type\":\"Text\","
              + "\"text\":\"blue \\u00e4 a\\/b\",\"channel\":{\"to\":{\"id\":\"+16505551234\","
              + "\"idType\":\"Phone\"}},\"direction\":\"Outbound\"}")
          .getBytes(StandardCharsets.UTF_8);

  @Inject EmbeddedServer server;
  @Inject RecordingAcceptWebhook accept;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void reset() {
    accept.reset();
  }

  @Test
  void a_correctly_signed_webhook_is_accepted_with_its_exact_bytes() throws Exception {
    HttpResponse<String> response = post(BODY, base64Signature(SECRET, BODY));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(accept.accepted()).hasSize(1);
    AcceptWebhookCommand command = accept.accepted().get(0);
    assertThat(command.source()).isEqualTo(WebhookSource.of("genesys", ConnectionId.DEFAULT));
    assertThat(command.source().value()).isEqualTo("genesys/default");
    assertThat(command.body()).isEqualTo(BODY);
  }

  @Test
  void a_webhook_for_a_named_connection_is_verified_with_its_integrations_secret()
      throws Exception {
    HttpResponse<String> response = post("/second", BODY, base64Signature(SECOND_SECRET, BODY));

    assertThat(response.statusCode()).isEqualTo(200);
    AcceptWebhookCommand command = accept.accepted().get(0);
    assertThat(command.source()).isEqualTo(WebhookSource.of("genesys", new ConnectionId("second")));
    assertThat(command.source().value()).isEqualTo("genesys/second");
    assertThat(command.body()).isEqualTo(BODY);
  }

  @Test
  void a_connection_refuses_the_signature_of_another_connections_secret() throws Exception {
    assertRefused(post("/second", BODY, base64Signature(SECRET, BODY)));
    assertRefused(post("", BODY, base64Signature(SECOND_SECRET, BODY)));
  }

  @Test
  void the_default_connection_is_also_reachable_by_its_name() throws Exception {
    HttpResponse<String> response = post("/default", BODY, base64Signature(SECRET, BODY));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(accept.accepted())
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.source())
                    .isEqualTo(WebhookSource.of("genesys", ConnectionId.DEFAULT)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/nonexistent", "/Bad-Name", "/abcdefghijklmnopqrstuvwxyz0123456789"})
  void a_connection_that_does_not_exist_is_not_found_whatever_the_signature(String suffix)
      throws Exception {
    HttpResponse<String> signedForDefault = post(suffix, BODY, base64Signature(SECRET, BODY));
    HttpResponse<String> unsigned = post(suffix, BODY, null);

    for (HttpResponse<String> response : List.of(signedForDefault, unsigned)) {
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).contains("\"error\"");
    }
    assertThat(accept.accepted()).isEmpty();
  }

  @Test
  void a_signed_body_is_accepted_without_being_parsed() throws Exception {
    byte[] notJson = "{not json".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = post(notJson, base64Signature(SECRET, notJson));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(accept.accepted())
        .singleElement()
        .satisfies(c -> assertThat(c.body()).isEqualTo(notJson));
  }

  @Test
  void a_signed_webhook_without_content_type_is_accepted() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri())
            .header(GenesysWebhookController.SIGNATURE_HEADER, base64Signature(SECRET, BODY))
            .POST(HttpRequest.BodyPublishers.ofByteArray(BODY))
            .build();

    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(accept.accepted()).hasSize(1);
  }

  @Test
  void an_empty_body_is_checked_like_any_other() throws Exception {
    byte[] empty = new byte[0];

    assertRefused(post(empty, null));
    HttpResponse<String> signed = post(empty, base64Signature(SECRET, empty));

    assertThat(signed.statusCode()).isEqualTo(200);
    assertThat(accept.accepted()).singleElement().satisfies(c -> assertThat(c.body()).isEmpty());
  }

  @Test
  void a_tampered_body_is_refused() throws Exception {
    String signature = base64Signature(SECRET, BODY);
    byte[] tampered =
        new String(BODY, StandardCharsets.UTF_8)
            .replace("blue", "BLUE")
            .getBytes(StandardCharsets.UTF_8);

    assertRefused(post(tampered, signature));
  }

  @Test
  void a_signature_with_another_secret_is_refused() throws Exception {
    assertRefused(post(BODY, base64Signature("another-secret-0123456789", BODY)));
  }

  @Test
  void a_missing_signature_is_refused() throws Exception {
    assertRefused(post(BODY, null));
  }

  @Test
  void the_signature_of_a_reserialised_body_is_refused() throws Exception {
    byte[] reserialised =
        new String(BODY, StandardCharsets.UTF_8)
            .replace("\\u00e4", "\u00e4")
            .replace("\\/", "/")
            .replace(",  ", ",")
            .getBytes(StandardCharsets.UTF_8);

    assertRefused(post(BODY, base64Signature(SECRET, reserialised)));
  }

  @Test
  void a_hex_signature_with_the_right_secret_is_refused() throws Exception {
    assertRefused(post(BODY, "sha256=" + HexFormat.of().formatHex(hmac(SECRET, BODY))));
  }

  @Test
  void a_signature_without_its_prefix_is_refused() throws Exception {
    String withoutPrefix = base64Signature(SECRET, BODY).substring("sha256=".length());

    assertRefused(post(BODY, withoutPrefix));
  }

  @Test
  void a_webhook_that_cannot_be_stored_gets_503_with_retry_after_never_500() throws Exception {
    accept.failWith(new IllegalStateException("the inbox is unavailable"));

    HttpResponse<String> response = post(BODY, base64Signature(SECRET, BODY));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
  }

  @ParameterizedTest(name = "a wait of {0} ms is asked as Retry-After: {1}")
  @CsvSource({"7000, 7", "2500, 3", "1001, 2", "200, 1", "0, 1"})
  void over_the_backlog_bound_the_answer_is_429_with_retry_after_in_whole_seconds(
      long waitMillis, String retryAfter) throws Exception {
    accept.throttle(Duration.ofMillis(waitMillis));

    HttpResponse<String> response = post(BODY, base64Signature(SECRET, BODY));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).contains(retryAfter);
    assertThat(response.body()).contains("\"error\"");
    assertThat(accept.accepted()).isEmpty();
  }

  private void assertRefused(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(response.body()).contains("\"error\"");
    assertThat(accept.accepted()).isEmpty();
  }

  private HttpResponse<String> post(byte[] body, String signature)
      throws IOException, InterruptedException {
    return post("", body, signature);
  }

  /** A POST to {@code /webhooks/genesys} followed by {@code suffix}. */
  private HttpResponse<String> post(String suffix, byte[] body, String signature)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(uri() + suffix))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header(GenesysWebhookController.SIGNATURE_HEADER, signature);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri() {
    return URI.create(server.getURL() + "/webhooks/genesys");
  }

  private static String base64Signature(String secret, byte[] body)
      throws GeneralSecurityException {
    return "sha256=" + Base64.getEncoder().encodeToString(hmac(secret, body));
  }

  private static byte[] hmac(String secret, byte[] body) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return mac.doFinal(body);
  }
}
