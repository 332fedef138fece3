package dev.switchboard.bootstrap;

import dev.switchboard.application.security.WebhookSignature;
import dev.switchboard.application.testing.StubHttpServer;
import dev.switchboard.application.testing.StubHttpServer.Answer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Local stand-ins for Meta's Graph API and Genesys Cloud, and a client that signs like them. */
final class Stubs {

  static final String APP_SECRET = "e2e-app-secret";
  static final String VERIFY_TOKEN = "e2e-verify-token";
  static final String ACCESS_TOKEN = "e2e-access-token";
  static final String PHONE_NUMBER_ID = "106540352242922";
  static final String CLIENT_ID = "e2e-client";
  static final String CLIENT_SECRET = "e2e-client-secret";
  static final String INTEGRATION_ID = "6685901b-6d0e-43db-95ff-d64406e9dce2";
  static final String WEBHOOK_SECRET = "e2e-genesys-webhook-secret";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Stubs() {}

  /** Meta's send API: every send gets a fresh wamid. */
  static StubHttpServer meta() {
    AtomicInteger sent = new AtomicInteger();
    return new StubHttpServer(
        request -> {
          if (!("Bearer " + ACCESS_TOKEN).equals(request.header("Authorization"))) {
            return Answer.json(401, "{\"error\":{\"code\":190,\"message\":\"bad token\"}}");
          }
          if (request.path().endsWith("/messages")) {
            return Answer.json(
                200,
                "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.OUT"
                    + sent.incrementAndGet()
                    + "\"}]}");
          }
          return Answer.json(404, "{}");
        });
  }

  /** Genesys: OAuth and the Open Messaging inbound APIs. */
  static StubHttpServer genesys() {
    return new StubHttpServer(
        request -> {
          if (request.path().equals("/oauth/token")) {
            return Answer.json(
                200,
                "{\"access_token\":\"tok-"
                    + UUID.randomUUID()
                    + "\",\"token_type\":\"bearer\",\"expires_in\":86399}");
          }
          if (request.path().contains("/inbound/open/")) {
            return Answer.json(200, "{\"id\":\"" + UUID.randomUUID() + "\"}");
          }
          return Answer.json(404, "{}");
        });
  }

  /** The configuration that points the bridge at the stubs, as Micronaut properties. */
  static Map<String, Object> properties(
      StubHttpServer meta, StubHttpServer genesys, String dataDir) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("switchboard.data-dir", dataDir);
    properties.put("switchboard.whatsapp.app-secret", APP_SECRET);
    properties.put("switchboard.whatsapp.verify-token", VERIFY_TOKEN);
    properties.put("switchboard.whatsapp.access-token", ACCESS_TOKEN);
    properties.put("switchboard.whatsapp.phone-number-id", PHONE_NUMBER_ID);
    properties.put("switchboard.whatsapp.graph-url", meta.url());
    properties.put("switchboard.genesys.api-url", genesys.url());
    properties.put("switchboard.genesys.login-url", genesys.url());
    properties.put("switchboard.genesys.client-id", CLIENT_ID);
    properties.put("switchboard.genesys.client-secret", CLIENT_SECRET);
    properties.put("switchboard.genesys.integration-id", INTEGRATION_ID);
    properties.put("switchboard.genesys.webhook-secret", WEBHOOK_SECRET);
    properties.put("switchboard.genesys.media-hosts", "127.0.0.1");
    return properties;
  }

  /** The same configuration as environment variables, for a bridge in a child process. */
  static Map<String, String> environment(
      StubHttpServer meta, StubHttpServer genesys, String dataDir) {
    Map<String, String> env = new HashMap<>();
    properties(meta, genesys, dataDir)
        .forEach(
            (name, value) ->
                env.put(RequiredSettings.environmentVariable(name), String.valueOf(value)));
    return env;
  }

  /** POSTs a webhook signed as Meta signs. */
  static HttpResponse<String> postWhatsApp(String bridgeUrl, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return post(
        bridgeUrl + "/webhooks/whatsapp",
        body,
        new WebhookSignature(APP_SECRET, WebhookSignature.Encoding.HEX).sign(body));
  }

  /** POSTs a webhook signed as Genesys signs. */
  static HttpResponse<String> postGenesys(String bridgeUrl, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return post(
        bridgeUrl + "/webhooks/genesys",
        body,
        new WebhookSignature(WEBHOOK_SECRET, WebhookSignature.Encoding.BASE64).sign(body));
  }

  static HttpResponse<String> post(String url, byte[] body, String signature) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header("X-Hub-Signature-256", signature);
    }
    return send(request.build());
  }

  static HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A WhatsApp webhook with one text message. */
  static String textWebhook(String waId, String wamid, long epochSeconds, String text) {
    return """
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
        "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",
        "phone_number_id":"%s"},"contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"%s"}],
        "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]}}]}]}
        """
        .formatted(PHONE_NUMBER_ID, waId, waId, wamid, epochSeconds, text);
  }

  /** A WhatsApp webhook with one status. */
  static String statusWebhook(String wamid, String status, String recipient, long epochSeconds) {
    return """
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
        "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",
        "phone_number_id":"%s"},"statuses":[{"id":"%s","status":"%s","timestamp":"%d",
        "recipient_id":"%s"}]}}]}]}
        """
        .formatted(PHONE_NUMBER_ID, wamid, status, epochSeconds, recipient);
  }

  /** A Genesys outbound Text message webhook. */
  static String agentText(String id, String toE164, String text) {
    return """
        {"id":"%s","channel":{"id":"%s","platform":"Open","type":"Private",
        "to":{"id":"%s","idType":"Phone"},"from":{"nickname":"Agent","id":"%s","idType":"Opaque"},
        "time":"2026-01-01T00:00:00.000Z","messageId":"%s"},"type":"Text","text":"%s",
        "direction":"Outbound","originatingEntity":"Human"}
        """
        .formatted(id, INTEGRATION_ID, toE164, INTEGRATION_ID, id, text);
  }
}
