package dev.switchboard.sandbox;

import static dev.switchboard.sandbox.Json.list;
import static dev.switchboard.sandbox.Json.map;
import static dev.switchboard.sandbox.Json.text;

import dev.switchboard.sandbox.Customers.Customer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Telegram's side, simulated, for the sandbox's {@code telegram} connection: the Bot API the bridge
 * calls ({@code sendMessage}, {@code sendPhoto} and the other sends, {@code getFile} and the file
 * download, {@code sendChatAction}, {@code answerCallbackQuery}) and the updates Telegram posts to
 * the bridge's webhook with the secret token. On demand the next send to the customer is refused as
 * Telegram refuses a bot the user blocked (403).
 */
@Controller(Sandbox.TELEGRAM_BASE)
@Requires(property = Sandbox.ENABLED, value = "true")
final class TelegramSimulator {

  private static final Set<String> SENDS =
      Set.of("sendMessage", "sendPhoto", "sendDocument", "sendVideo", "sendAudio", "sendVoice");

  private final SandboxSettings settings;
  private final Feed feed;
  private final MediaVault vault;
  private final BridgeCalls calls;
  private final Customers customers;
  private final Json json;
  private final AtomicLong updateIds = new AtomicLong(100_000_000L + System.nanoTime() % 1_000_000);
  private final AtomicLong messageIds = new AtomicLong(1);
  private final Set<String> failNext = ConcurrentHashMap.newKeySet();

  TelegramSimulator(
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

  // ------------------------------------------------------------------ the Bot API

  @Post(
      uri = "/bot{token}/{method}",
      consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  HttpResponse<byte[]> call(String token, String method, @Body byte[] body) {
    if (!settings.botToken.equals(token)) {
      return error(401, "Unauthorized");
    }
    Map<String, Object> request = json.object(body);
    if (request == null) {
      return error(400, "Bad Request: the body is not a JSON object");
    }
    feed.hop("bridge", "Telegram", method, 200);
    switch (method) {
      case "getFile" -> {
        String fileId = text(request.get("file_id"));
        return vault
            .get(fileId == null ? "" : fileId)
            .<HttpResponse<byte[]>>map(
                media -> {
                  Map<String, Object> file = new LinkedHashMap<>();
                  file.put("file_id", media.id());
                  file.put("file_unique_id", "u" + media.id());
                  file.put("file_size", media.bytes().length);
                  file.put("file_path", "files/" + media.id());
                  return ok(file);
                })
            .orElseGet(() -> error(400, "Bad Request: invalid file_id"));
      }
      case "sendChatAction" -> {
        feed.publish("phone.read", Map.of("typing", true));
        return ok(true);
      }
      case "answerCallbackQuery" -> {
        return ok(true);
      }
      default -> {
        if (!SENDS.contains(method)) {
          return error(404, "Not Found: method " + method + " is not simulated");
        }
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("type", "text");
        shown.put("text", text(request.get("text")));
        addButtons(shown, text(request.get("reply_markup")), request.get("reply_markup"));
        return sent(text(request.get("chat_id")), shown);
      }
    }
  }

  @Post(
      uri = "/bot{token}/{method}",
      consumes = MediaType.MULTIPART_FORM_DATA,
      produces = MediaType.APPLICATION_JSON)
  HttpResponse<byte[]> upload(
      String token,
      String method,
      @Part("chat_id") String chatId,
      @Nullable @Part("caption") String caption,
      @Nullable @Part("reply_markup") String replyMarkup,
      @Nullable @Part("photo") CompletedFileUpload photo,
      @Nullable @Part("document") CompletedFileUpload document,
      @Nullable @Part("video") CompletedFileUpload video,
      @Nullable @Part("audio") CompletedFileUpload audio,
      @Nullable @Part("voice") CompletedFileUpload voice) {
    if (!settings.botToken.equals(token)) {
      return error(401, "Unauthorized");
    }
    CompletedFileUpload file =
        photo != null
            ? photo
            : document != null ? document : video != null ? video : audio != null ? audio : voice;
    if (!SENDS.contains(method) || file == null) {
      return error(400, "Bad Request: there is no file to send");
    }
    feed.hop("bridge", "Telegram", method + " (with the file)", 200);
    String id;
    String mime = file.getContentType().map(MediaType::toString).orElse("application/octet-stream");
    try {
      id = vault.put(file.getBytes(), mime, file.getFilename());
    } catch (IOException | IllegalArgumentException unreadable) {
      return error(400, "Bad Request: the file could not be read");
    }
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("type", photo != null ? "image" : "document");
    shown.put("caption", caption);
    shown.put("filename", file.getFilename());
    shown.put("mime", mime);
    shown.put("mediaUrl", SandboxApi.BASE + "/media/" + id);
    addButtons(shown, replyMarkup, null);
    return sent(chatId, shown);
  }

  @Get(uri = "/file/bot{token}/files/{fileId}", produces = MediaType.ALL)
  HttpResponse<byte[]> file(String token, String fileId) {
    if (!settings.botToken.equals(token)) {
      return error(401, "Unauthorized");
    }
    return vault
        .get(fileId)
        .<HttpResponse<byte[]>>map(
            media -> {
              feed.hop("bridge", "Telegram", "GET the file's bytes", 200);
              return HttpResponse.ok(media.bytes()).contentType(media.mime());
            })
        .orElseGet(() -> error(404, "Not Found"));
  }

  private HttpResponse<byte[]> sent(String chatId, Map<String, Object> shown) {
    Customer customer = chatId == null ? null : customers.find(chatId).orElse(null);
    if (customer == null || !customer.onTelegram()) {
      return error(400, "Bad Request: chat not found");
    }
    if (failNext.remove(customer.id())) {
      return error(403, "Forbidden: bot was blocked by the user");
    }
    long messageId = messageIds.incrementAndGet();
    shown.put("wamid", "tg:" + chatId + ":" + messageId);
    shown.put("messageId", messageId);
    shown.put("customer", customer.id());
    feed.publish("phone.message", shown);
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("message_id", messageId);
    message.put("from", Map.of("id", botId(), "is_bot", true, "first_name", "Acme Outdoor"));
    message.put("chat", chat(customer));
    message.put("date", Instant.now().getEpochSecond());
    return ok(message);
  }

  /** The inline keyboard of a send, as the phone shows it. */
  private void addButtons(Map<String, Object> shown, String markupJson, Object markupObject) {
    Map<String, Object> markup =
        markupObject instanceof Map<?, ?>
            ? map(markupObject)
            : markupJson == null ? Map.of() : json.object(markupJson.getBytes());
    List<Map<String, Object>> buttons = new ArrayList<>();
    for (Object row : list(markup == null ? null : markup.get("inline_keyboard"))) {
      for (Object button : list(row)) {
        Map<String, Object> b = map(button);
        if (b.get("callback_data") != null) {
          buttons.add(Map.of("id", text(b.get("callback_data")), "title", text(b.get("text"))));
        } else if (b.get("url") != null) {
          shown.put("link", Map.of("text", text(b.get("text")), "url", text(b.get("url"))));
        }
      }
    }
    shown.put("buttons", buttons);
  }

  private MutableHttpResponse<byte[]> ok(Object result) {
    return json.answer(200, Map.of("ok", true, "result", result));
  }

  private MutableHttpResponse<byte[]> error(int code, String description) {
    return json.answer(code, Map.of("ok", false, "error_code", code, "description", description));
  }

  private long botId() {
    return Long.parseLong(settings.botToken.substring(0, settings.botToken.indexOf(':')));
  }

  private static Map<String, Object> chat(Customer customer) {
    Map<String, Object> chat = new LinkedHashMap<>();
    chat.put("id", Long.parseLong(customer.id()));
    chat.put("first_name", customer.firstName());
    if (customer.lastName() != null) {
      chat.put("last_name", customer.lastName());
    }
    chat.put("type", "private");
    return chat;
  }

  private static Map<String, Object> user(Customer customer) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("id", Long.parseLong(customer.id()));
    user.put("is_bot", false);
    user.put("first_name", customer.firstName());
    if (customer.lastName() != null) {
      user.put("last_name", customer.lastName());
    }
    user.put("language_code", "en");
    return user;
  }

  // ------------------------------------------------------------------ Telegram's updates

  /** The customer asks that the next send to them is refused (the bot is blocked). */
  void failNext(Customer customer, boolean on) {
    if (on) {
      failNext.add(customer.id());
    } else {
      failNext.remove(customer.id());
    }
  }

  /**
   * The customer writes to the bot: an update as Telegram posts it to the bridge's webhook, with
   * the page's fields as for {@link GraphSimulator#customerWrites}; a tap on an inline button (kind
   * {@code button}) is a {@code callback_query}.
   */
  Map<String, Object> customerWrites(Customer customer, Map<String, Object> request) {
    String kind = text(request.get("kind"));
    boolean backdated = Boolean.TRUE.equals(request.get("backdated"));
    Instant at = backdated ? Instant.now().minus(GraphSimulator.BACKDATED) : Instant.now();
    long messageId = messageIds.incrementAndGet();
    String key = "tg:" + customer.id() + ":" + messageId;
    String text = text(request.get("text"));
    Map<String, Object> sent = new LinkedHashMap<>();
    sent.put("wamid", key);
    sent.put("customer", customer.id());
    sent.put("type", kind);
    sent.put("backdated", backdated);
    sent.put("time", at.toString());
    Map<String, Object> update = new LinkedHashMap<>();
    update.put("update_id", updateIds.incrementAndGet());
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("message_id", messageId);
    message.put("from", user(customer));
    message.put("chat", chat(customer));
    message.put("date", at.getEpochSecond());
    switch (kind == null ? "" : kind) {
      case "text" -> {
        if (text == null || text.isBlank()) {
          throw new IllegalArgumentException("a text message needs text");
        }
        message.put("text", text);
        sent.put("text", text);
      }
      case "image", "document" -> {
        Json.DataUrl file = Json.DataUrl.parse(text(request.get("file")));
        String filename = text(request.get("filename"));
        String id = vault.put(file.bytes(), file.mime(), filename);
        if (kind.equals("image")) {
          message.put(
              "photo",
              List.of(
                  Map.of(
                      "file_id",
                      id,
                      "file_unique_id",
                      "u" + id,
                      "width",
                      480,
                      "height",
                      320,
                      "file_size",
                      file.bytes().length)));
        } else {
          Map<String, Object> document = new LinkedHashMap<>();
          document.put("file_id", id);
          document.put("file_unique_id", "u" + id);
          document.put("file_name", filename == null ? "document" : filename);
          document.put("mime_type", file.mime());
          document.put("file_size", file.bytes().length);
          message.put("document", document);
        }
        if (text != null && !text.isBlank()) {
          message.put("caption", text);
        }
        sent.put("caption", text);
        sent.put("filename", filename);
        sent.put("mediaUrl", SandboxApi.BASE + "/media/" + id);
      }
      case "location" -> {
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("latitude", request.get("latitude"));
        location.put("longitude", request.get("longitude"));
        message.put("location", location);
        sent.put("latitude", request.get("latitude"));
        sent.put("longitude", request.get("longitude"));
        sent.put("text", text);
      }
      case "button", "list" -> {
        String replyTo = text(request.get("replyTo"));
        String data = text(request.get("replyId"));
        String title = text(request.get("replyTitle"));
        if (replyTo == null || data == null || title == null) {
          throw new IllegalArgumentException(
              "a tap names the message (replyTo), and the button's replyId and replyTitle");
        }
        Map<String, Object> tapped = new LinkedHashMap<>(message);
        tapped.put("message_id", Long.parseLong(replyTo.substring(replyTo.lastIndexOf(':') + 1)));
        tapped.put("from", Map.of("id", botId(), "is_bot", true, "first_name", "Acme Outdoor"));
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("id", Long.toString(updateIds.get()) + messageId);
        query.put("from", user(customer));
        query.put("message", tapped);
        query.put("chat_instance", "-" + customer.id());
        query.put("data", data);
        update.put("callback_query", query);
        sent.put("text", title);
        sent.put("replyTo", replyTo);
      }
      default ->
          throw new IllegalArgumentException(
              "kind is one of text, image, document, location, button, list");
    }
    if (!update.containsKey("callback_query")) {
      update.put("message", message);
    }
    feed.publish("phone.sent", sent);
    byte[] body = json.bytes(update);
    calls.webhook(
        "Telegram",
        "/webhooks/telegram/" + Sandbox.TELEGRAM_CONNECTION,
        "update (" + kind + ")",
        body,
        "X-Telegram-Bot-Api-Secret-Token",
        settings.botSecretToken,
        status -> feed.publish("phone.accepted", Map.of("wamid", key, "status", status)));
    return Map.of("wamid", key);
  }
}
