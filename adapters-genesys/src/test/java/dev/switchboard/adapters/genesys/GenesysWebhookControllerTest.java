package dev.switchboard.adapters.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.fakes.RecordingAcceptWebhook;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.in.AcceptWebhookCommand;
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
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@MicronautTest
@Property(name = "switchboard.genesys.webhook-secret", value = GenesysWebhookControllerTest.SECRET)
class GenesysWebhookControllerTest {

  static final String SECRET = "genesys-webhook-secret-0123456789";

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
    assertThat(command.source()).isEqualTo(WebhookSource.GENESYS);
    assertThat(command.body()).isEqualTo(BODY);
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
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri())
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
