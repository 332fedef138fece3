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
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meta's side, simulated: the Graph API the bridge calls (sends, media upload and download, mark as
 * read) and the webhooks Meta posts (the customer's messages, the statuses of what the business
 * sent: sent, delivered, read, or failed), signed with the app secret. A free-form send more than
 * 24 hours after the customer's last message fails with 131047, as on WhatsApp; the phone can also
 * ask for its next message to fail (131026, undeliverable).
 */
@Controller(GraphSimulator.BASE)
@Requires(property = Sandbox.ENABLED, value = "true")
final class GraphSimulator {

  static final String BASE = "/sandbox/graph";
  static final Duration WINDOW = Duration.ofHours(24);
  static final Duration BACKDATED = Duration.ofHours(25);

  /** The templates the simulated business has had approved: name → body with {{n}}. */
  static final Map<String, String> TEMPLATES =
      Map.of(
          "order_update", "Hi {{1}}, your order {{2}} has shipped. Reply here with any question.",
          "we_have_a_reply",
              "We have an answer to your question. Reply to this message to read it.");

  private static final String WABA_ID = "102290129340398";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SandboxSettings settings;
  private final Feed feed;
  private final MediaVault vault;
  private final BridgeCalls calls;
  private final Customers customers;
  private final Json json;
  private final Map<String, Instant> lastWrote = new ConcurrentHashMap<>();
  private final Set<String> failNext = ConcurrentHashMap.newKeySet();

  GraphSimulator(
      SandboxSettings settings,
      Feed feed,
      MediaVault vault,
      BridgeCalls calls,
      Customers customers,
      Json json) {
    this.settings = settings;
    this.feed = feed;
    this.vault = vault;
    this.calls = calls;
    this.customers = customers;
    this.json = json;
  }

  // ------------------------------------------------------------------ the Graph API

  @Post(
      uri = "/{version}/{phoneNumberId}/messages",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  HttpResponse<byte[]> send(
      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
      String version,
      String phoneNumberId,
      @Body byte[] body) {
    HttpResponse<byte[]> refused = refusal(authorization, version, phoneNumberId);
    if (refused != null) {
      return refused;
    }
    Map<String, Object> request = json.object(body);
    if (request == null) {
      return error(400, 100, "Invalid parameter: the body is not a JSON object");
    }
    feed.hop("bridge", "Meta", "POST /" + version + "/{phone-number-id}/messages", 200);
    if ("read".equals(request.get("status"))) {
      Map<String, Object> read = new LinkedHashMap<>();
      read.put("wamid", text(request.get("message_id")));
      read.put("typing", request.containsKey("typing_indicator"));
      feed.publish("phone.read", read);
      return json.answer(200, Map.of("success", true));
    }
    String to = text(request.get("to") != null ? request.get("to") : request.get("recipient"));
    String type = text(request.get("type"));
    Map<String, Object> shown;
    try {
      shown = shown(type, request);
    } catch (IllegalArgumentException unknownTemplate) {
      return error(404, 132001, unknownTemplate.getMessage());
    }
    String wamid = wamid();
    Customer customer = to == null ? null : customers.find(to).orElse(null);
    if (customer == null) {
      statusLater(
          phoneNumberId,
          to,
          wamid,
          Duration.ofMillis(400),
          "failed",
          131026,
          "Message undeliverable");
    } else if (!"template".equals(type) && isClosed(customer)) {
      statusLater(
          phoneNumberId,
          to,
          wamid,
          Duration.ofMillis(400),
          "failed",
          131047,
          "Re-engagement message");
    } else if (failNext.remove(customer.id())) {
      statusLater(phoneNumberId, to, wamid, Duration.ofMillis(300), "sent", null, null);
      statusLater(
          phoneNumberId,
          to,
          wamid,
          Duration.ofMillis(900),
          "failed",
          131026,
          "Message undeliverable");
    } else {
      shown.put("wamid", wamid);
      shown.put("customer", customer.id());
      feed.publish("phone.message", shown);
      statusLater(phoneNumberId, to, wamid, Duration.ofMillis(300), "sent", null, null);
      statusLater(phoneNumberId, to, wamid, Duration.ofMillis(900), "delivered", null, null);
      statusLater(phoneNumberId, to, wamid, Duration.ofMillis(2500), "read", null, null);
    }
    return json.answer(
        200,
        Map.of(
            "messaging_product", "whatsapp",
            "contacts",
                List.of(Map.of("input", to == null ? "" : to, "wa_id", to == null ? "" : to)),
            "messages", List.of(Map.of("id", wamid))));
  }

  @Post(
      uri = "/{version}/{phoneNumberId}/media",
      consumes = MediaType.MULTIPART_FORM_DATA,
      produces = MediaType.APPLICATION_JSON)
  HttpResponse<byte[]> upload(
      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
      String version,
      String phoneNumberId,
      CompletedFileUpload file) {
    HttpResponse<byte[]> refused = refusal(authorization, version, phoneNumberId);
    if (refused != null) {
      return refused;
    }
    try {
      String mime =
          file.getContentType().map(MediaType::toString).orElse("application/octet-stream");
      String id = vault.put(file.getBytes(), mime, file.getFilename());
      feed.hop(
          "bridge", "Meta", "POST /" + version + "/{phone-number-id}/media (" + mime + ")", 200);
      return json.answer(200, Map.of("id", id));
    } catch (IOException | IllegalArgumentException unreadable) {
      return error(400, 100, "Invalid parameter: the file could not be read");
    }
  }

  @Get(uri = "/{version}/{mediaId}", produces = MediaType.APPLICATION_JSON)
  HttpResponse<byte[]> media(
      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
      String version,
      String mediaId) {
    HttpResponse<byte[]> refused = refusal(authorization, version, settings.phoneNumberId);
    if (refused != null) {
      return refused;
    }
    return vault
        .get(mediaId)
        .map(
            media -> {
              feed.hop("bridge", "Meta", "GET /" + version + "/{media-id}", 200);
              Map<String, Object> info = new LinkedHashMap<>();
              info.put("messaging_product", "whatsapp");
              info.put("url", settings.bridgeUrl + BASE + "/lookaside/" + media.id() + "/download");
              info.put("mime_type", media.mime());
              info.put("sha256", HexFormat.of().formatHex(sha256(media.bytes())));
              info.put("file_size", media.bytes().length);
              info.put("id", media.id());
              return json.answer(200, info);
            })
        .orElseGet(() -> error(404, 100, "Unsupported get request: no such media"));
  }

  @Get(uri = "/lookaside/{mediaId}/download", produces = MediaType.ALL)
  HttpResponse<byte[]> download(
      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization, String mediaId) {
    if (!("Bearer " + settings.accessToken).equals(authorization)) {
      return error(401, 190, "Invalid OAuth access token");
    }
    return vault
        .get(mediaId)
        .map(
            media -> {
              feed.hop("bridge", "Meta", "GET the media's bytes", 200);
              return HttpResponse.ok(media.bytes()).contentType(media.mime());
            })
        .orElseGet(() -> error(404, 100, "no such media"));
  }

  private HttpResponse<byte[]> refusal(String authorization, String version, String phoneNumberId) {
    if (!("Bearer " + settings.accessToken).equals(authorization)) {
      feed.hop("bridge", "Meta", "a call with a wrong access token", 401);
      return error(401, 190, "Invalid OAuth access token");
    }
    if (!settings.apiVersion.equals(version)) {
      return error(400, 2635, "Unknown API version " + version);
    }
    if (!settings.isBusinessNumber(phoneNumberId)) {
      return error(400, 100, "Unsupported post request: unknown phone number id");
    }
    return null;
  }

  private MutableHttpResponse<byte[]> error(int status, int code, String message) {
    return json.answer(
        status,
        Map.of(
            "error",
            Map.of(
                "message",
                message,
                "type",
                "OAuthException",
                "code",
                code,
                "fbtrace_id",
                "sandbox" + Integer.toHexString(RANDOM.nextInt()))));
  }

  /** What the phone shows of a send. */
  private Map<String, Object> shown(String type, Map<String, Object> request) {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("type", type);
    switch (type == null ? "" : type) {
      case "text" -> shown.put("text", text(map(request.get("text")).get("body")));
      case "image", "video", "audio", "document", "sticker" -> {
        Map<String, Object> media = map(request.get(type));
        shown.put("caption", text(media.get("caption")));
        shown.put("filename", text(media.get("filename")));
        shown.put("mediaUrl", mediaUrl(media));
      }
      case "interactive" -> {
        Map<String, Object> interactive = map(request.get("interactive"));
        Map<String, Object> header = map(interactive.get("header"));
        shown.put("interactive", text(interactive.get("type")));
        shown.put("header", text(header.get("text")));
        if (header.get("image") != null) {
          shown.put("mediaUrl", mediaUrl(map(header.get("image"))));
        }
        shown.put("text", text(map(interactive.get("body")).get("text")));
        shown.put("footer", text(map(interactive.get("footer")).get("text")));
        Map<String, Object> action = map(interactive.get("action"));
        List<Map<String, Object>> buttons = new ArrayList<>();
        for (Object button : list(action.get("buttons"))) {
          Map<String, Object> reply = map(map(button).get("reply"));
          buttons.add(Map.of("id", text(reply.get("id")), "title", text(reply.get("title"))));
        }
        shown.put("buttons", buttons);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object section : list(action.get("sections"))) {
          for (Object row : list(map(section).get("rows"))) {
            Map<String, Object> r = map(row);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", text(r.get("id")));
            item.put("title", text(r.get("title")));
            item.put("description", text(r.get("description")));
            rows.add(item);
          }
        }
        shown.put("rows", rows);
        shown.put("listButton", text(action.get("button")));
        Map<String, Object> parameters = map(action.get("parameters"));
        if (parameters.get("url") != null) {
          shown.put(
              "link",
              Map.of(
                  "text",
                  text(parameters.get("display_text")),
                  "url",
                  text(parameters.get("url"))));
        }
      }
      case "template" -> {
        Map<String, Object> template = map(request.get("template"));
        String name = text(template.get("name"));
        String body = TEMPLATES.get(name);
        if (body == null) {
          throw new IllegalArgumentException(
              "Template name does not exist in the translation: " + name);
        }
        List<String> values = new ArrayList<>();
        for (Object component : list(template.get("components"))) {
          if ("body".equals(map(component).get("type"))) {
            for (Object parameter : list(map(component).get("parameters"))) {
              values.add(text(map(parameter).get("text")));
            }
          }
        }
        for (int i = 0; i < values.size(); i++) {
          body = body.replace("{{" + (i + 1) + "}}", values.get(i) == null ? "" : values.get(i));
        }
        shown.put("template", name);
        shown.put("text", body);
      }
      default -> shown.put("text", "(a " + type + " message)");
    }
    return shown;
  }

  /** Where the page can show a media of a send: by uploaded id, or the link itself. */
  private static String mediaUrl(Map<String, Object> media) {
    if (media.get("id") != null) {
      return SandboxApi.BASE + "/media/" + media.get("id");
    }
    return text(media.get("link"));
  }

  // ------------------------------------------------------------------ Meta's webhooks

  /** The customer asks that the next message to them fails. */
  void failNext(Customer customer, boolean on) {
    if (on) {
      failNext.add(customer.id());
    } else {
      failNext.remove(customer.id());
    }
  }

  private boolean isClosed(Customer customer) {
    Instant last = lastWrote.get(customer.id());
    return last == null || last.plus(WINDOW).isBefore(Instant.now());
  }

  private void statusLater(
      String from,
      String to,
      String wamid,
      Duration delay,
      String status,
      Integer code,
      String title) {
    calls.later(delay, () -> status(from, to, wamid, status, code, title));
  }

  private void status(
      String from, String to, String wamid, String status, Integer code, String title) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", wamid);
    item.put("status", status);
    item.put("timestamp", Long.toString(Instant.now().getEpochSecond()));
    item.put("recipient_id", to);
    if (code != null) {
      item.put(
          "errors",
          List.of(
              Map.of(
                  "code", code,
                  "title", title,
                  "message", title,
                  "error_data", Map.of("details", title))));
    }
    Map<String, Object> value = value(from);
    value.put("statuses", List.of(item));
    feed.publish("phone.status", Map.of("wamid", wamid, "status", status));
    post("status " + status + (code == null ? "" : " (" + code + ")"), value, answer -> {});
  }

  /**
   * The customer writes: a message as Meta posts it to the bridge's webhook. {@code message} has
   * the page's fields: kind (text, image, document, location, button, list), text, file (a data:
   * URL), filename, latitude, longitude, replyTo, replyId, replyTitle, backdated.
   */
  Map<String, Object> customerWrites(Customer customer, Map<String, Object> message) {
    String kind = text(message.get("kind"));
    boolean backdated = Boolean.TRUE.equals(message.get("backdated"));
    Instant at = backdated ? Instant.now().minus(BACKDATED) : Instant.now();
    String wamid = wamid();
    Map<String, Object> sent = new LinkedHashMap<>();
    sent.put("wamid", wamid);
    sent.put("customer", customer.id());
    sent.put("type", kind);
    sent.put("backdated", backdated);
    sent.put("time", at.toString());
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("from", customer.id());
    item.put("id", wamid);
    item.put("timestamp", Long.toString(at.getEpochSecond()));
    String text = text(message.get("text"));
    switch (kind == null ? "" : kind) {
      case "text" -> {
        if (text == null || text.isBlank()) {
          throw new IllegalArgumentException("a text message needs text");
        }
        item.put("type", "text");
        item.put("text", Map.of("body", text));
        sent.put("text", text);
      }
      case "image", "document" -> {
        Json.DataUrl file = Json.DataUrl.parse(text(message.get("file")));
        String filename = text(message.get("filename"));
        String id = vault.put(file.bytes(), file.mime(), filename);
        Map<String, Object> media = new LinkedHashMap<>();
        media.put("mime_type", file.mime());
        media.put("sha256", Base64.getEncoder().encodeToString(sha256(file.bytes())));
        media.put("id", id);
        if (text != null && !text.isBlank()) {
          media.put("caption", text);
        }
        if (kind.equals("document")) {
          media.put("filename", filename == null ? "document" : filename);
        }
        item.put("type", kind);
        item.put(kind, media);
        sent.put("caption", text);
        sent.put("filename", filename);
        sent.put("mediaUrl", SandboxApi.BASE + "/media/" + id);
      }
      case "location" -> {
        double latitude = number(message.get("latitude"));
        double longitude = number(message.get("longitude"));
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("latitude", latitude);
        location.put("longitude", longitude);
        location.put("name", text == null || text.isBlank() ? "Shared location" : text);
        item.put("type", "location");
        item.put("location", location);
        sent.put("latitude", latitude);
        sent.put("longitude", longitude);
        sent.put("text", location.get("name"));
      }
      case "button", "list" -> {
        String replyTo = text(message.get("replyTo"));
        String id = text(message.get("replyId"));
        String title = text(message.get("replyTitle"));
        if (replyTo == null || id == null || title == null) {
          throw new IllegalArgumentException(
              "a tap names the message (replyTo), and the option's replyId and replyTitle");
        }
        String type = kind.equals("button") ? "button_reply" : "list_reply";
        item.put("type", "interactive");
        item.put("context", Map.of("from", settings.displayPhoneNumber, "id", replyTo));
        item.put("interactive", Map.of("type", type, type, Map.of("id", id, "title", title)));
        sent.put("text", title);
        sent.put("replyTo", replyTo);
      }
      default ->
          throw new IllegalArgumentException(
              "kind is one of text, image, document, location, button, list");
    }
    lastWrote.merge(customer.id(), at, (a, b) -> a.isAfter(b) ? a : b);
    Map<String, Object> value = value(settings.integration(customer.connection()).phoneNumberId());
    value.put(
        "contacts",
        List.of(Map.of("profile", Map.of("name", customer.name()), "wa_id", customer.id())));
    value.put("messages", List.of(item));
    feed.publish("phone.sent", sent);
    post(
        "message (" + kind + ")",
        value,
        status -> feed.publish("phone.accepted", Map.of("wamid", wamid, "status", status)));
    return Map.of("wamid", wamid);
  }

  private Map<String, Object> value(String phoneNumberId) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("messaging_product", "whatsapp");
    value.put(
        "metadata",
        Map.of(
            "display_phone_number", settings.displayPhoneNumber, "phone_number_id", phoneNumberId));
    return value;
  }

  private void post(
      String what, Map<String, Object> value, java.util.function.IntConsumer onAnswer) {
    Map<String, Object> envelope =
        Map.of(
            "object",
            "whatsapp_business_account",
            "entry",
            List.of(
                Map.of(
                    "id",
                    WABA_ID,
                    "changes",
                    List.of(Map.of("value", value, "field", "messages")))));
    byte[] body = json.bytes(envelope);
    calls.webhook(
        "Meta",
        "/webhooks/whatsapp",
        what,
        body,
        Signatures.meta(settings.appSecret, body),
        onAnswer);
  }

  private static double number(Object value) {
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    try {
      return Double.parseDouble(String.valueOf(value));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("latitude and longitude are numbers");
    }
  }

  private static String wamid() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return "wamid.SBX"
        + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toUpperCase();
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
