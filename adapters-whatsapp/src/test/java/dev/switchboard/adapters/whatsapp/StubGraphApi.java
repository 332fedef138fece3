package dev.switchboard.adapters.whatsapp;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A local stand-in for the Graph API: records every request and answers as it is told. */
final class StubGraphApi implements AutoCloseable {

  /** One request as it arrived. */
  record Recorded(String method, String path, Headers headers, byte[] body) {
    String header(String name) {
      return headers.getFirst(name);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  final List<Recorded> requests = new CopyOnWriteArrayList<>();

  private volatile int status = 200;
  private volatile String body = "{}";
  private volatile Map<String, String> headers = Map.of();
  private volatile Duration delay = Duration.ZERO;

  StubGraphApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  StubGraphApi answer(int status, String body) {
    return answer(status, body, Map.of());
  }

  StubGraphApi answer(int status, String body, Map<String, String> headers) {
    this.status = status;
    this.body = body;
    this.headers = headers;
    return this;
  }

  StubGraphApi delay(Duration delay) {
    this.delay = delay;
    return this;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] received = exchange.getRequestBody().readAllBytes();
      requests.add(
          new Recorded(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestHeaders(),
              received));
      if (!delay.isZero()) {
        Thread.sleep(delay.toMillis());
      }
      byte[] answer = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    } catch (IOException callerGone) {
      // the client gave up (a timeout test): nothing to answer
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
