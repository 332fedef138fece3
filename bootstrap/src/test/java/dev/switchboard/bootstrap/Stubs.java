package dev.switchboard.bootstrap;

import dev.switchboard.adapters.support.WebhookSignature;
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
import java.util.concurrent.atomic.AtomicReference;

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

  /** The media the Meta stub serves: media id {@value #MEDIA_ID}, as PNG. */
  static final String MEDIA_ID = "1003383421387256";

  /** What the Genesys stub serves under /api/v2/downloads/. */
  static final String AGENT_MEDIA = "the agent's picture";

  static final String MEDIA_BYTES = "not really a PNG, but bytes all the same";

  /**
   * Meta's Graph API: every send gets a fresh wamid; media {@link #MEDIA_ID} resolves to a download
   * URL on the same stub; uploads get a media id.
   */
  static StubHttpServer meta() {
    AtomicInteger sent = new AtomicInteger();
    AtomicReference<String> self = new AtomicReference<>();
    StubHttpServer server =
        new StubHttpServer(
            request -> {
              if (!("Bearer " + ACCESS_TOKEN).equals(request.header("Authorization"))) {
                return Answer.json(401, "{\"error\":{\"code\":190,\"message\":\"bad token\"}}");
              }
              if (request.path().equals("/v26.0/" + MEDIA_ID)) {
                return Answer.json(
                    200,
                    "{\"url\":\"%s/lookaside/%s\",\"mime_type\":\"image/png\",\"sha256\":\"%s\",\"file_size\":%d,\"id\":\"%s\"}"
                        .formatted(
                            self.get(),
                            MEDIA_ID,
                            sha256(MEDIA_BYTES),
                            MEDIA_BYTES.length(),
                            MEDIA_ID));
              }
              if (request.path().equals("/lookaside/" + MEDIA_ID)) {
                return new Answer(
                    200, MEDIA_BYTES, Map.of("Content-Type", "image/png"), Duration.ZERO);
              }
              if (request.path().endsWith("/media")) {
                return Answer.json(200, "{\"id\":\"uploaded-" + sent.incrementAndGet() + "\"}");
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
    self.set(server.url());
    return server;
  }

  static String sha256(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
          if (request.path().startsWith("/api/v2/downloads/")) {
            return new Answer(200, AGENT_MEDIA, Map.of("Content-Type", "image/png"), Duration.ZERO);
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

  /** POSTs a webhook for a named connection, signed with {@code secret} as Genesys signs. */
  static HttpResponse<String> postGenesys(
      String bridgeUrl, String connection, String secret, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return post(
        bridgeUrl + "/webhooks/genesys/" + connection,
        body,
        new WebhookSignature(secret, WebhookSignature.Encoding.BASE64).sign(body));
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

  /** A WhatsApp webhook with one text message to the default number. */
  static String textWebhook(String waId, String wamid, long epochSeconds, String text) {
    return textWebhookTo(PHONE_NUMBER_ID, waId, wamid, epochSeconds, text);
  }

  /** A WhatsApp webhook with one text message to the business number {@code phoneNumberId}. */
  static String textWebhookTo(
      String phoneNumberId, String waId, String wamid, long epochSeconds, String text) {
    return """
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
        "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",
        "phone_number_id":"%s"},"contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"%s"}],
        "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]}}]}]}
        """
        .formatted(phoneNumberId, waId, waId, wamid, epochSeconds, text);
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

  /** A Genesys outbound Text message webhook of the default integration. */
  static String agentText(String id, String toE164, String text) {
    return agentTextOf(INTEGRATION_ID, id, toE164, text);
  }

  /** A Genesys outbound Text message webhook of the integration {@code integrationId}. */
  static String agentTextOf(String integrationId, String id, String toE164, String text) {
    return """
        {"id":"%s","channel":{"id":"%s","platform":"Open","type":"Private",
        "to":{"id":"%s","idType":"Phone"},"from":{"nickname":"Agent","id":"%s","idType":"Opaque"},
        "time":"2026-01-01T00:00:00.000Z","messageId":"%s"},"type":"Text","text":"%s",
        "direction":"Outbound","originatingEntity":"Human"}
        """
        .formatted(id, integrationId, toE164, integrationId, id, text);
  }

  /** A WhatsApp webhook with one message of any type; {@code fields} is the JSON after "type". */
  static String messageWebhook(String waId, String wamid, String type, String fields) {
    return """
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
        "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",
        "phone_number_id":"%s"},"contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"%s"}],
        "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"%s",%s}]}}]}]}
        """
        .formatted(
            PHONE_NUMBER_ID,
            waId,
            waId,
            wamid,
            java.time.Instant.now().getEpochSecond(),
            type,
            fields);
  }

  /** A Genesys outbound message webhook with content items (JSON array text). */
  static String agentContent(String id, String toE164, String type, String text, String content) {
    return """
        {"id":"%s","channel":{"id":"%s","platform":"Open","type":"Private",
        "to":{"id":"%s","idType":"Phone"},"from":{"nickname":"Agent","id":"%s","idType":"Opaque"},
        "time":"2026-01-01T00:00:00.000Z","messageId":"%s"},"type":"%s","text":"%s","content":%s,
        "direction":"Outbound","originatingEntity":"Bot"}
        """
        .formatted(id, INTEGRATION_ID, toE164, INTEGRATION_ID, id, type, text, content);
  }
}
