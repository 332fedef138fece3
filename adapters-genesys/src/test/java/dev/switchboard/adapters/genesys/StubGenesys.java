package dev.switchboard.adapters.genesys;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Genesys Cloud on the JDK's HTTP server: issues tokens at {@code
 * /oauth/token}, accepts Open Messaging calls that carry an issued token (401 otherwise), records
 * every request, and answers scripted faults first.
 */
final class StubGenesys implements AutoCloseable {

  static final String CLIENT_ID = "stub-client";
  static final String CLIENT_SECRET = "stub-client-secret-0123456789";

  /** One request as it arrived. */
  record Recorded(String method, String path, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** A scripted answer: status, headers, body, and how long to wait before answering. */
  record Answer(int status, Map<String, String> headers, String body, Duration delay) {
    static Answer of(int status, String body) {
      return new Answer(status, Map.of(), body, Duration.ZERO);
    }

    Answer withHeader(String name, String value) {
      Map<String, String> more = new java.util.HashMap<>(headers);
      more.put(name, value);
      return new Answer(status, Map.copyOf(more), body, delay);
    }

    Answer after(Duration wait) {
      return new Answer(status, headers, body, wait);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Recorded> requests = new ArrayList<>();
  private final Map<String, Deque<Answer>> scripted = new ConcurrentHashMap<>();
  private final Set<String> issued = ConcurrentHashMap.newKeySet();
  private final AtomicInteger tokenCount = new AtomicInteger();
  private volatile long expiresIn = 86399;
  private volatile Duration tokenDelay = Duration.ZERO;

  StubGenesys() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The {@code expires_in} of the tokens issued from now on. */
  void tokensExpireIn(long seconds) {
    this.expiresIn = seconds;
  }

  /** Makes the token endpoint slow, so that concurrent callers overlap. */
  void tokensTakeA(Duration delay) {
    this.tokenDelay = delay;
  }

  /** Answers the next request whose path ends with {@code pathSuffix} with {@code answer}. */
  void next(String pathSuffix, Answer answer) {
    scripted.computeIfAbsent(pathSuffix, k -> new ArrayDeque<>()).add(answer);
  }

  synchronized List<Recorded> requests() {
    return List.copyOf(requests);
  }

  List<Recorded> requestsTo(String pathSuffix) {
    return requests().stream().filter(r -> r.path().endsWith(pathSuffix)).toList();
  }

  Set<String> issuedTokens() {
    return Set.copyOf(issued);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
      synchronized (this) {
        requests.add(new Recorded(exchange.getRequestMethod(), path, headers, body));
      }
      Answer answer = scriptedFor(path);
      if (answer == null) {
        answer = path.equals("/oauth/token") ? token() : api(headers);
      }
      pause(answer.delay());
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream stream = exchange.getResponseBody()) {
          stream.write(out);
        }
      }
    } catch (IOException clientWentAway) {
      // a client that timed out closed the connection: nothing to answer
    }
  }

  private Answer scriptedFor(String path) {
    for (Map.Entry<String, Deque<Answer>> entry : scripted.entrySet()) {
      if (path.endsWith(entry.getKey())) {
        synchronized (entry.getValue()) {
          Answer answer = entry.getValue().poll();
          if (answer != null) {
            return answer;
          }
        }
      }
    }
    return null;
  }

  private Answer token() {
    pause(tokenDelay);
    String token = "stub-token-" + tokenCount.incrementAndGet();
    issued.add(token);
    return Answer.of(
        200,
        "{\"access_token\":\""
            + token
            + "\",\"token_type\":\"bearer\",\"expires_in\":"
            + expiresIn
            + "}");
  }

  private Answer api(Map<String, List<String>> headers) {
    List<String> auth = headers.get("Authorization");
    String value = auth == null || auth.isEmpty() ? "" : auth.get(0);
    if (!value.startsWith("Bearer ") || !issued.contains(value.substring("Bearer ".length()))) {
      return Answer.of(401, "{\"message\":\"invalid token\",\"code\":\"bad.credentials\"}");
    }
    return Answer.of(200, "{\"id\":\"stub-message-id\"}");
  }

  private static void pause(Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
