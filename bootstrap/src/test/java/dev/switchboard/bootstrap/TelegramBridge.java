package dev.switchboard.bootstrap;

import static dev.switchboard.application.testing.StubHttpServer.pathContains;

import dev.switchboard.adapters.support.WebhookSignature;
import dev.switchboard.application.testing.StubHttpServer;
import dev.switchboard.application.testing.StubHttpServer.Answer;
import dev.switchboard.application.testing.StubHttpServer.Request;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;

/**
 * The running bridge with a Telegram connection named {@value #CONNECTION} besides the {@code
 * default} WhatsApp one, a local stand-in for the Bot API, and ways to drive it as Telegram and
 * that connection's Genesys integration do.
 */
abstract class TelegramBridge extends RunningBridge {

  static final String CONNECTION = "tg";
  static final String BOT_TOKEN = "7012345678:AAe2e-bot-token_0123456789";
  static final String SECRET_TOKEN = "e2e-telegram-secret_token";
  static final String INTEGRATION = "5c3a1f9e-2b6d-4e8a-8f07-9d1e4b2a6c30";
  static final String GENESYS_SECRET = "e2e-telegram-connection-webhook-secret";
  static final long USER = 424242001L;
  static final String PHOTO = "a photo's bytes \u0000\u00ff";
  static final String PHOTO_ID = "AgACAgQAAx1-photo";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern CHAT_ID = Pattern.compile("\"chat_id\"\\s*:\\s*\"?(-?\\d+)");

  StubHttpServer telegram;
  private final AtomicLong messageIds = new AtomicLong(5000);

  /** The Bot API of {@link #BOT_TOKEN}, as {@link #botApi} serves it. */
  @Override
  Map<String, Object> extraProperties() {
    telegram = botApi(messageIds);
    Map<String, Object> properties = new HashMap<>(telegramConnection(telegram.url()));
    properties.putAll(moreProperties());
    return properties;
  }

  /** What a test class adds. */
  Map<String, Object> moreProperties() {
    return Map.of();
  }

  /** The {@value #CONNECTION} connection's settings, with the Bot API at {@code apiUrl}. */
  static Map<String, Object> telegramConnection(String apiUrl) {
    String prefix = "switchboard.connections." + CONNECTION + ".";
    return Map.of(
        "switchboard.telegram.api-url",
        apiUrl,
        prefix + "channel",
        "telegram",
        prefix + "telegram.bot-token",
        BOT_TOKEN,
        prefix + "telegram.secret-token",
        SECRET_TOKEN,
        prefix + "genesys.integration-id",
        INTEGRATION,
        prefix + "genesys.webhook-secret",
        GENESYS_SECRET);
  }

  @AfterEach
  void stopTelegram() {
    if (telegram != null) {
      telegram.close();
    }
  }

  /**
   * The Bot API: every send gets the next message id, chat actions and callback answers {@code
   * true}, {@code getFile} of {@link #PHOTO_ID} a path whose download is {@link #PHOTO}.
   */
  static StubHttpServer botApi(AtomicLong messageIds) {
    String bot = "/bot" + BOT_TOKEN + "/";
    return new StubHttpServer(
        request -> {
          String path = request.path();
          if (path.equals("/file/bot" + BOT_TOKEN + "/photos/file_7.jpg")) {
            return Answer.bytes(200, PHOTO.getBytes(StandardCharsets.UTF_8), "image/jpeg");
          }
          if (!path.startsWith(bot)) {
            return Answer.json(401, "{\"ok\":false,\"error_code\":401,\"description\":\"no\"}");
          }
          String method = path.substring(bot.length());
          if (method.equals("getFile")) {
            return Answer.json(
                200,
                "{\"ok\":true,\"result\":{\"file_id\":\"%s\",\"file_size\":%d,\"file_path\":\"photos/file_7.jpg\"}}"
                    .formatted(PHOTO_ID, PHOTO.getBytes(StandardCharsets.UTF_8).length));
          }
          if (method.equals("sendChatAction") || method.equals("answerCallbackQuery")) {
            return Answer.json(200, "{\"ok\":true,\"result\":true}");
          }
          if (method.startsWith("send")) {
            Matcher chat = CHAT_ID.matcher(request.text());
            String chatId = chat.find() ? chat.group(1) : String.valueOf(USER);
            return Answer.json(
                200,
                "{\"ok\":true,\"result\":{\"message_id\":%d,\"date\":%d,\"chat\":{\"id\":%s,\"type\":\"private\"}}}"
                    .formatted(
                        messageIds.incrementAndGet(), Instant.now().getEpochSecond(), chatId));
          }
          return Answer.json(404, "{\"ok\":false,\"error_code\":404,\"description\":\"no\"}");
        });
  }

  /** POSTs an update as Telegram does, with the connection's secret token. */
  HttpResponse<String> postUpdate(String update) {
    return postUpdate(server.getURL().toString(), update, SECRET_TOKEN);
  }

  static HttpResponse<String> postUpdate(String bridgeUrl, String update, String secret) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(bridgeUrl + "/webhooks/telegram/" + CONNECTION))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(update));
    if (secret != null) {
      request.header("X-Telegram-Bot-Api-Secret-Token", secret);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** POSTs an agent's message as the connection's Genesys integration does. */
  HttpResponse<String> postAgent(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return Stubs.post(
        server.getURL() + "/webhooks/genesys/" + CONNECTION,
        body,
        new WebhookSignature(GENESYS_SECRET, WebhookSignature.Encoding.BASE64).sign(body));
  }

  /** An update with a private message of the user; {@code fields} is the JSON after "date". */
  static String message(long updateId, long messageId, String fields) {
    return """
        {"update_id":%d,"message":{"message_id":%d,
        "from":{"id":%d,"is_bot":false,"first_name":"Ada","last_name":"Lovelace","username":"ada_l"},
        "chat":{"id":%d,"type":"private","first_name":"Ada"},"date":%d,%s}}
        """
        .formatted(updateId, messageId, USER, USER, Instant.now().getEpochSecond(), fields);
  }

  /** The Telegram message key of a message of the user's chat. */
  static String key(long messageId) {
    return "tg:" + USER + ":" + messageId;
  }

  /** An agent's message of the connection's integration to the Telegram user. */
  static String agent(String id, String type, String text, String content) {
    return """
        {"id":"%s","channel":{"id":"%s","platform":"Open","type":"Private",
        "to":{"id":"%d","idType":"Opaque"},"from":{"nickname":"Agent","id":"%s","idType":"Opaque"},
        "time":"2026-01-01T00:00:00.000Z","messageId":"%s"},"type":"%s","text":"%s"%s,
        "direction":"Outbound","originatingEntity":"Human"}
        """
        .formatted(
            id,
            INTEGRATION,
            USER,
            INTEGRATION,
            id,
            type,
            text,
            content == null ? "" : ",\"content\":" + content);
  }

  /** What the connection's integration took at {@code kind} (message, receipt, ...). */
  List<String> toIntegration(String kind) {
    return genesys
        .accepted(pathContains("/messages/" + INTEGRATION + "/inbound/open/" + kind))
        .stream()
        .map(Request::text)
        .toList();
  }

  /** The Bot API calls of {@code method} that were answered 2xx. */
  List<Request> calls(String method) {
    return telegram.accepted(pathContains("/bot" + BOT_TOKEN + "/" + method));
  }

  /** Waits until the integration has a receipt for {@code id}; returns it. */
  String receiptFor(String id) {
    eventually(
        () -> toIntegration("receipt").stream().anyMatch(r -> r.contains("\"" + id + "\"")),
        Duration.ofSeconds(15));
    return toIntegration("receipt").stream()
        .filter(r -> r.contains("\"" + id + "\""))
        .findFirst()
        .orElseThrow();
  }
}
