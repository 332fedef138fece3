package dev.switchboard.adapters.telegram;

import dev.switchboard.application.testing.StubHttpServer;
import dev.switchboard.application.testing.StubHttpServer.Answer;
import dev.switchboard.application.testing.StubHttpServer.Request;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A local stand-in for the Bot API of the bot {@link TestBots#SUPPORT_TOKEN}, answering as Telegram
 * does: every send with message {@value #SENT_MESSAGE_ID} in chat {@value #CHAT}, chat actions and
 * callback answers with {@code true}, {@code getFile} and the download of the files {@link #file}
 * added; a call with another token gets 401, an unknown method 404.
 */
final class StubBotApi implements AutoCloseable {

  static final long CHAT = 424242001L;
  static final long SENT_MESSAGE_ID = 5001L;
  static final String TOKEN = TestBots.SUPPORT_TOKEN;

  private record StoredFile(String path, byte[] content) {}

  private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
  private final StubHttpServer server = new StubHttpServer(this::route);

  String url() {
    return server.url();
  }

  /** Serves {@code content} as the file {@code fileId} at {@code path}. */
  StubBotApi file(String fileId, String path, byte[] content) {
    files.put(fileId, new StoredFile(path, content));
    return this;
  }

  /** The next call of {@code method} gets {@code answer}. */
  void answerNext(String method, Answer answer) {
    server.answerNext(method(method), answer);
  }

  /** Every call of {@code method} gets {@code answer}. */
  void answerAll(String method, Answer answer) {
    server.answerAll(method(method), answer);
  }

  /** The next file download gets {@code answer}. */
  void answerNextDownload(Answer answer) {
    server.answerNext(r -> r.path().startsWith("/file/"), answer);
  }

  /** Requests to call {@code method} of the Bot API. */
  static Predicate<Request> method(String method) {
    return request -> request.path().endsWith("/" + method) && !request.path().startsWith("/file/");
  }

  /** Every request so far, in arrival order. */
  List<Request> requests() {
    return server.requests();
  }

  /** The calls of {@code method} so far. */
  List<Request> calls(String method) {
    return server.requests(method(method));
  }

  /** The file downloads so far. */
  List<Request> downloads() {
    return server.requests(r -> r.path().startsWith("/file/"));
  }

  /** A Bot API error answer. */
  static Answer error(int code, String description) {
    return Answer.json(
        code, "{\"ok\":false,\"error_code\":" + code + ",\"description\":\"" + description + "\"}");
  }

  private Answer route(Request request) {
    String path = request.path();
    if (path.startsWith("/file/bot")) {
      String prefix = "/file/bot" + TOKEN + "/";
      if (!path.startsWith(prefix)) {
        return error(401, "Unauthorized");
      }
      String filePath = path.substring(prefix.length());
      return files.values().stream()
          .filter(file -> file.path().equals(filePath))
          .findFirst()
          .map(file -> Answer.bytes(200, file.content(), "application/octet-stream"))
          .orElse(error(404, "Not Found"));
    }
    if (!path.startsWith("/bot" + TOKEN + "/")) {
      return error(401, "Unauthorized");
    }
    String method = path.substring(("/bot" + TOKEN + "/").length());
    switch (method) {
      case "sendMessage", "sendPhoto", "sendDocument", "sendVideo", "sendAudio", "sendVoice":
        return Answer.json(
            200,
            "{\"ok\":true,\"result\":{\"message_id\":"
                + SENT_MESSAGE_ID
                + ",\"from\":{\"id\":7012345678,\"is_bot\":true,\"first_name\":\"Acme\"},"
                + "\"chat\":{\"id\":"
                + CHAT
                + ",\"type\":\"private\"},\"date\":1749416600}}");
      case "sendChatAction", "answerCallbackQuery":
        return Answer.json(200, "{\"ok\":true,\"result\":true}");
      case "getFile":
        String fileId = fileId(request.text());
        StoredFile file = fileId == null ? null : files.get(fileId);
        if (file == null) {
          return error(400, "Bad Request: invalid file_id");
        }
        return Answer.json(
            200,
            "{\"ok\":true,\"result\":{\"file_id\":\""
                + fileId
                + "\",\"file_unique_id\":\"AgADx\",\"file_size\":"
                + file.content().length
                + ",\"file_path\":\""
                + file.path()
                + "\"}}");
      default:
        return error(404, "Not Found: method not found");
    }
  }

  private static String fileId(String body) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"file_id\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
    return m.find() ? m.group(1) : null;
  }

  @Override
  public void close() {
    server.close();
  }
}
