package dev.switchboard.adapters.genesys;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for every media host at once: it is the HTTP proxy the fetcher is configured with, so a
 * request for {@code http://any.host/path} arrives here with its host and path and gets the answer
 * scripted for them (404 otherwise). Records every request; no name is ever resolved.
 */
final class StubMediaHosts implements AutoCloseable {

  /** One request as it arrived. */
  record Seen(String host, String path, String authorization) {}

  /** A scripted answer: status, headers, body, sent with a length, chunked, or without end. */
  record Reply(int status, Map<String, String> headers, byte[] body, Mode mode, Duration delay) {

    enum Mode {
      FIXED,
      CHUNKED,
      ENDLESS
    }

    static Reply of(int status, byte[] body, String contentType) {
      return new Reply(
          status,
          contentType == null ? Map.of() : Map.of("Content-Type", contentType),
          body,
          Mode.FIXED,
          Duration.ZERO);
    }

    static Reply status(int status) {
      return new Reply(status, Map.of(), new byte[0], Mode.FIXED, Duration.ZERO);
    }

    static Reply redirect(int status, String location) {
      return new Reply(
          status, Map.of("Location", location), new byte[0], Mode.FIXED, Duration.ZERO);
    }

    Reply chunked() {
      return new Reply(status, headers, body, Mode.CHUNKED, delay);
    }

    Reply endless() {
      return new Reply(status, headers, body, Mode.ENDLESS, delay);
    }

    Reply after(Duration wait) {
      return new Reply(status, headers, body, mode, wait);
    }

    Reply withHeader(String name, String value) {
      Map<String, String> more = new ConcurrentHashMap<>(headers);
      more.put(name, value);
      return new Reply(status, more, body, mode, delay);
    }
  }

  /** The most an endless answer writes before it gives up on the reader. */
  static final long ENDLESS_LIMIT = 512L * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Reply> replies = new ConcurrentHashMap<>();
  private final List<Seen> seen = new ArrayList<>();
  private final AtomicLong endlessWritten = new AtomicLong();

  StubMediaHosts() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** The proxy that sends every request here. */
  ProxySelector proxy() {
    return ProxySelector.of(server.getAddress());
  }

  /**
   * Answers requests for {@code http://host/path} (host with its port, if any) with {@code reply}.
   */
  void on(String host, String path, Reply reply) {
    replies.put(host.toLowerCase() + path, reply);
  }

  synchronized List<Seen> seen() {
    return List.copyOf(seen);
  }

  /** How many bytes the endless answers wrote before the reader hung up. */
  long endlessWritten() {
    return endlessWritten.get();
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      String host = exchange.getRequestHeaders().getFirst("Host");
      String path = exchange.getRequestURI().getPath();
      synchronized (this) {
        seen.add(new Seen(host, path, exchange.getRequestHeaders().getFirst("Authorization")));
      }
      exchange.getRequestBody().readAllBytes();
      Reply reply = replies.getOrDefault(host.toLowerCase() + path, Reply.status(404));
      if (!reply.delay().isZero()) {
        Thread.sleep(reply.delay().toMillis());
      }
      reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      switch (reply.mode()) {
        case FIXED -> {
          exchange.sendResponseHeaders(
              reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
          if (reply.body().length > 0) {
            write(exchange, reply.body());
          }
        }
        case CHUNKED -> {
          exchange.sendResponseHeaders(reply.status(), 0);
          write(exchange, reply.body());
        }
        case ENDLESS -> {
          exchange.sendResponseHeaders(reply.status(), 0);
          byte[] chunk = new byte[64 * 1024];
          try (OutputStream out = exchange.getResponseBody()) {
            while (endlessWritten.get() < ENDLESS_LIMIT) {
              out.write(chunk);
              endlessWritten.addAndGet(chunk.length);
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException readerHungUp) {
      // the fetcher stopped reading: what an endless answer expects
    }
  }

  private static void write(HttpExchange exchange, byte[] body) throws IOException {
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
