package dev.switchboard.sandbox;

import static dev.switchboard.sandbox.Json.list;
import static dev.switchboard.sandbox.Json.map;
import static dev.switchboard.sandbox.Json.text;

import dev.switchboard.sandbox.Customers.Customer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Genesys Cloud's side, simulated: OAuth (client credentials), the Open Messaging inbound APIs the
 * bridge calls (messages, receipts, structured responses), the downloads of agents' attachments,
 * and the outbound webhook Genesys posts when an agent answers, signed with the integration's
 * webhook secret.
 */
@Controller(GenesysSimulator.BASE)
@Requires(property = Sandbox.ENABLED, value = "true")
final class GenesysSimulator {

  static final String BASE = "/sandbox/genesys";
  static final int MAX_TOKENS = 1_000;
  private static final String INBOUND =
      "/api/v2/conversations/messages/{integrationId}/inbound/open";

  private final SandboxSettings settings;
  private final Feed feed;
  private final MediaVault vault;
  private final BridgeCalls calls;
  private final Json json;
  private final Set<String> tokens = Collections.newSetFromMap(new ConcurrentHashMap<>());
  private final Map<String, String> conversations = new ConcurrentHashMap<>();

  GenesysSimulator(
      SandboxSettings settings, Feed feed, MediaVault vault, BridgeCalls calls, Json json) {
    this.settings = settings;
    this.feed = feed;
    this.vault = vault;
    this.calls = calls;
    this.json = json;
  }

  // ------------------------------------------------------------------ what the bridge calls

  @Post(uri = "/oauth/token", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  HttpResponse<byte[]> token(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (settings.clientId + ":" + settings.clientSecret)
                        .getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(authorization)) {
      feed.hop("bridge", "Genesys", "POST /oauth/token with wrong client credentials", 401);
      return json.answer(
          401, Map.of("error", "invalid_client", "description", "bad client credentials"));
    }
    if (tokens.size() >= MAX_TOKENS) {
      tokens.clear(); // every earlier token is now refused: the bridge fetches a new one on a 401
    }
    String token = Sandbox.secret();
    tokens.add(token);
    feed.hop("bridge", "Genesys", "POST /oauth/token (client credentials)", 200);
    return json.answer(
        200, Map.of("access_token", token, "token_type", "bearer", "expires_in", 86399));
  }

  @Post(uri = INBOUND + "/message", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  HttpResponse<byte[]> message(
      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
      String integrationId,
      @Body byte[] body) {
    HttpResponse<byte[]> refused = refusal(authorization, integrationId, "message");
    if (refused != null) {
      return refused;
    }
    Map<String, Object> message = json.object(body);
    Map<String, Object> channel = message == null ? Map.of() : map(message.get("channel"));
    Map<String, Object> from = map(channel.get("from"));
    if (from.get("id") == null || channel.get("messageId") == null) {
      return json.answer(
          400,
          Map.of(
              "status",
              400,
              "code",
              "bad.request",
              "message",
              "channel.from.id and channel.messageId are required"));
    }
    String id = UUID.randomUUID().toString().replace("-", "");
    List<Map<String, Object>> attachments = new ArrayList<>();
    for (Object element : list(message.get("content"))) {
      Map<String, Object> attachment = map(map(element).get("attachment"));
      if (!attachment.isEmpty()) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("mediaType", text(attachment.get("mediaType")));
        shown.put("url", text(attachment.get("url")));
        shown.put("mime", text(attachment.get("mime")));
        shown.put("filename", text(attachment.get("filename")));
        attachments.add(shown);
      }
    }
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("id", id);
    shown.put("messageId", text(channel.get("messageId")));
    shown.put("customer", text(from.get("id")));
    shown.put("nickname", text(from.get("nickname")));
    shown.put("time", text(channel.get("time")));
    shown.put("text", text(message.get("text")));
    shown.put("attachments", attachments);
    shown.put("attributes", map(map(channel.get("metadata")).get("customAttributes")));
    feed.publish("desk.message", shown);
    feed.hop("bridge", "Genesys", "POST …/inbound/open/message", 200);
    Map<String, Object> answer = new LinkedHashMap<>(message);
    answer.put("id", id);
    answer.put("direction", "Inbound");
    return json.answer(200, answer);
  }

  @Post(uri = INBOUND + "/receipt", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  HttpResponse<byte[]> receipt(
      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
      String integrationId,
      @Body byte[] body) {
    HttpResponse<byte[]> refused = refusal(authorization, integrationId, "receipt");
    if (refused != null) {
      return refused;
    }
    Map<String, Object> receipt = json.object(body);
    if (receipt == null || receipt.get("id") == null || receipt.get("status") == null) {
      return json.answer(
          400,
          Map.of("status", 400, "code", "bad.request", "message", "id and status are required"));
    }
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("id", text(receipt.get("id")));
    shown.put("status", text(receipt.get("status")));
    List<Map<String, Object>> reasons = new ArrayList<>();
    for (Object reason : list(receipt.get("reasons"))) {
      reasons.add(
          Map.of(
              "code",
              String.valueOf(map(reason).get("code")),
              "message",
              String.valueOf(map(reason).get("message"))));
    }
    shown.put("reasons", reasons);
    feed.publish("desk.receipt", shown);
    feed.hop("bridge", "Genesys", "POST …/inbound/open/receipt (" + shown.get("status") + ")", 200);
    // Genesys answers with the receipt it took, its status included
    return json.answer(200, receipt);
  }

  @Post(
      uri = INBOUND + "/structured/response",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  HttpResponse<byte[]> structuredResponse(
      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
      String integrationId,
      @Body byte[] body) {
    HttpResponse<byte[]> refused = refusal(authorization, integrationId, "structured response");
    if (refused != null) {
      return refused;
    }
    Map<String, Object> response = json.object(body);
    if (response == null) {
      return json.answer(400, Map.of("status", 400, "code", "bad.request", "message", "not JSON"));
    }
    Map<String, Object> channel = map(response.get("channel"));
    Map<String, Object> button = map(response.get("buttonResponse"));
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("id", UUID.randomUUID().toString().replace("-", ""));
    shown.put("messageId", text(channel.get("messageId")));
    shown.put("customer", text(map(channel.get("from")).get("id")));
    shown.put("originatingMessageId", text(response.get("originatingMessageId")));
    shown.put("type", text(button.get("type")));
    shown.put("text", text(button.get("text")));
    shown.put("payload", text(button.get("payload")));
    feed.publish("desk.choice", shown);
    feed.hop("bridge", "Genesys", "POST …/inbound/open/structured/response", 200);
    return json.answer(200, Map.of("id", shown.get("id")));
  }

  @Get(uri = "/api/v2/downloads/{id}", produces = MediaType.ALL)
  HttpResponse<byte[]> download(String id) {
    return vault
        .get(id)
        .map(
            media -> {
              feed.hop("bridge", "Genesys", "GET the agent's attachment", 200);
              return HttpResponse.ok(media.bytes()).contentType(media.mime());
            })
        .orElseGet(() -> json.answer(404, Map.of("status", 404, "code", "not.found")));
  }

  private HttpResponse<byte[]> refusal(String authorization, String integrationId, String what) {
    String token =
        authorization != null && authorization.startsWith("Bearer ")
            ? authorization.substring("Bearer ".length())
            : "";
    if (!tokens.contains(token)) {
      feed.hop("bridge", "Genesys", what + " with an unknown token", 401);
      return json.answer(
          401,
          Map.of(
              "status", 401, "code", "bad.credentials", "message", "Invalid login credentials."));
    }
    if (!settings.isIntegration(integrationId)) {
      return json.answer(
          404, Map.of("status", 404, "code", "not.found", "message", "no such integration"));
    }
    return null;
  }

  // ------------------------------------------------------------------ the agent answers

  /**
   * The agent sends to {@code customer}: an outbound Open Messaging message as Genesys posts it to
   * the bridge's webhook. {@code message} has the page's fields: kind (text, attachment,
   * quickreplies, template), text, file (a data: URL), filename, options (a list of texts).
   */
  Map<String, Object> agentSends(Customer customer, Map<String, Object> message) {
    String kind = text(message.get("kind"));
    String text = text(message.get("text"));
    String id = UUID.randomUUID().toString().replace("-", "");
    Map<String, Object> sent = new LinkedHashMap<>();
    sent.put("id", id);
    sent.put("customer", customer.genesysId());
    sent.put("type", kind);
    Map<String, Object> outbound = new LinkedHashMap<>();
    outbound.put("id", id);
    outbound.put("channel", channel(customer, id));
    List<Map<String, Object>> content = new ArrayList<>();
    switch (kind == null ? "" : kind) {
      case "text" -> {
        if (text == null || text.isBlank()) {
          throw new IllegalArgumentException("a text message needs text");
        }
        outbound.put("type", "Text");
        outbound.put("text", text);
      }
      case "attachment" -> {
        Json.DataUrl file = Json.DataUrl.parse(text(message.get("file")));
        String filename = text(message.get("filename"));
        String media = vault.put(file.bytes(), file.mime(), filename);
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("id", UUID.randomUUID().toString());
        attachment.put(
            "mediaType",
            file.mime().startsWith("image/")
                ? "Image"
                : file.mime().startsWith("video/") ? "Video" : "File");
        attachment.put("url", settings.bridgeUrl + BASE + "/api/v2/downloads/" + media);
        attachment.put("mime", file.mime());
        attachment.put("filename", filename == null ? "attachment" : filename);
        attachment.put("contentSizeBytes", file.bytes().length);
        content.add(Map.of("contentType", "Attachment", "attachment", attachment));
        outbound.put("type", "Text");
        if (text != null && !text.isBlank()) {
          outbound.put("text", text);
        }
        sent.put("mediaUrl", SandboxApi.BASE + "/media/" + media);
        sent.put("filename", filename);
        sent.put("mime", file.mime());
      }
      case "quickreplies" -> {
        List<String> options = new ArrayList<>();
        for (Object option : list(message.get("options"))) {
          if (option != null && !String.valueOf(option).isBlank()) {
            options.add(String.valueOf(option).strip());
          }
        }
        if (options.isEmpty() || text == null || text.isBlank()) {
          throw new IllegalArgumentException(
              "quick replies need a question and at least one option");
        }
        for (String option : options) {
          content.add(
              Map.of(
                  "contentType",
                  "QuickReply",
                  "quickReply",
                  Map.of(
                      "text", option, "payload", "option-" + slug(option), "action", "Message")));
        }
        outbound.put("type", "Structured");
        outbound.put("text", text);
        sent.put("options", options);
      }
      case "template" -> {
        String order = "A-" + (1000 + (int) (Math.random() * 9000));
        String first = customer.firstName();
        String body =
            GraphSimulator.TEMPLATES
                .get("order_update")
                .replace("{{1}}", first)
                .replace("{{2}}", order);
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("id", "sandbox@order_update");
        template.put("language", "en_US");
        template.put(
            "body",
            Map.of(
                "text",
                body,
                "parameters",
                List.of(
                    Map.of("name", "name", "text", first),
                    Map.of("name", "order", "text", order))));
        content.add(Map.of("contentType", "Notification", "template", template));
        outbound.put("type", "Structured");
        outbound.put("text", body);
        text = body;
        sent.put("template", "order_update");
      }
      default ->
          throw new IllegalArgumentException(
              "kind is one of text, attachment, quickreplies, template");
    }
    sent.put("text", text);
    if (!content.isEmpty()) {
      outbound.put("content", content);
    }
    outbound.put("direction", "Outbound");
    outbound.put("originatingEntity", "Human");
    outbound.put(
        "conversationId",
        conversations.computeIfAbsent(customer.id(), c -> UUID.randomUUID().toString()));
    feed.publish("desk.sent", sent);
    byte[] body = json.bytes(outbound);
    // one Open Messaging integration per connection, each with its webhook and its secret
    SandboxSettings.Integration integration = settings.integration(customer.connection());
    calls.webhook(
        "Genesys",
        integration.webhookPath(),
        "agent message (" + kind + ")",
        body,
        Signatures.genesys(integration.webhookSecret(), body),
        status -> feed.publish("desk.accepted", Map.of("id", id, "status", status)));
    return Map.of("id", id);
  }

  private Map<String, Object> channel(Customer customer, String id) {
    Map<String, Object> channel = new LinkedHashMap<>();
    String integration = settings.integration(customer.connection()).id();
    channel.put("id", integration);
    channel.put("platform", "Open");
    channel.put("type", "Private");
    channel.put(
        "to",
        Map.of("id", customer.genesysId(), "idType", customer.onTelegram() ? "Opaque" : "Phone"));
    channel.put(
        "from", Map.of("nickname", "Sandbox Support", "id", integration, "idType", "Opaque"));
    channel.put("time", Instant.now().toString());
    channel.put("messageId", id);
    return channel;
  }

  private static String slug(String option) {
    String slug =
        option
            .toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("(^-|-$)", "");
    return slug.isEmpty() ? Integer.toHexString(option.hashCode()) : slug;
  }
}
