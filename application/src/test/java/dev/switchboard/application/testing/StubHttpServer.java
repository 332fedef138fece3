package dev.switchboard.application.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A local stand-in for a remote HTTP API on the JDK's server (127.0.0.1, a free port): records
 * every request with the answer it got and answers by its routes, unless a scripted answer matches
 * first.
 *
 * <p>A scripted answer for every matching request ({@link #answerAll}) wins over one for the next
 * matching request ({@link #answerNext}), which wins over the routes. Answers are JSON unless their
 * headers say otherwise.
 */
public final class StubHttpServer implements AutoCloseable {

  /** One request as it arrived; header names are case-insensitive. */
  public record Request(
      String method, String path, Map<String, List<String>> headers, byte[] body) {

    /** The first value of header {@code name}, or {@code null}. */
    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body as UTF-8 text. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** An answer: status, body (empty for none), extra headers, and how long to wait first. */
  public record Answer(int status, String body, Map<String, String> headers, Duration delay) {

    public Answer {
      headers = Map.copyOf(headers);
    }

    /** A JSON answer without extra headers, at once. */
    public static Answer json(int status, String body) {
      return new Answer(status, body, Map.of(), Duration.ZERO);
    }

    /** The marker of an answer whose body is raw bytes (held one char per byte). */
    static final String RAW = "X-Stub-Raw-Bytes";

    /** An answer of raw bytes (such as an image) with their content type, at once. */
    public static Answer bytes(int status, byte[] body, String contentType) {
      return new Answer(
          status,
          new String(body, StandardCharsets.ISO_8859_1),
          Map.of("Content-Type", contentType, RAW, "true"),
          Duration.ZERO);
    }

    /** This answer with header {@code name} set to {@code value}. */
    public Answer withHeader(String name, String value) {
      Map<String, String> more = new HashMap<>(headers);
      more.put(name, value);
      return new Answer(status, body, more, delay);
    }

    /** This answer with these headers as well. */
    public Answer withHeaders(Map<String, String> more) {
      Map<String, String> all = new HashMap<>(headers);
      all.putAll(more);
      return new Answer(status, body, all, delay);
    }

    /** This answer, given only after {@code wait} (the request is recorded at once). */
    public Answer after(Duration wait) {
      return new Answer(status, body, headers, wait);
    }
  }

  private record Script(Predicate<Request> matches, Answer answer) {}

  private record Exchange(Request request, Answer answer) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Function<Request, Answer> routes;
  private final List<Exchange> exchanges = new ArrayList<>();
  private final List<Script> next = new ArrayList<>();
  private Script all;

  /** Starts a server that answers by {@code routes} whatever is not scripted. */
  public StubHttpServer(Function<Request, Answer> routes) {
    this.routes = routes;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Where the server listens, without a trailing slash. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Requests whose path contains {@code needle}. */
  public static Predicate<Request> pathContains(String needle) {
    return request -> request.path().contains(needle);
  }

  /** Requests whose path ends with {@code suffix}. */
  public static Predicate<Request> pathEndsWith(String suffix) {
    return request -> request.path().endsWith(suffix);
  }

  /** The next matching request gets {@code answer} instead of the routes'; scripts queue up. */
  public synchronized void answerNext(Predicate<Request> matches, Answer answer) {
    next.add(new Script(matches, answer));
  }

  /** Every matching request gets {@code answer} until {@link #answerByRoutes()} (an outage). */
  public synchronized void answerAll(Predicate<Request> matches, Answer answer) {
    all = new Script(matches, answer);
  }

  /** Ends {@link #answerAll}. */
  public synchronized void answerByRoutes() {
    all = null;
  }

  /** Every request so far, in arrival order. */
  public synchronized List<Request> requests() {
    return exchanges.stream().map(Exchange::request).toList();
  }

  /** The matching requests so far, in arrival order. */
  public synchronized List<Request> requests(Predicate<Request> matching) {
    return exchanges.stream().map(Exchange::request).filter(matching).toList();
  }

  /** The matching requests so far that were answered 2xx, in arrival order. */
  public synchronized List<Request> accepted(Predicate<Request> matching) {
    return exchanges.stream()
        .filter(e -> e.answer().status() / 100 == 2)
        .map(Exchange::request)
        .filter(matching)
        .toList();
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name, List.copyOf(values)));
      Request request =
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              Collections.unmodifiableMap(headers),
              exchange.getRequestBody().readAllBytes());
      Answer answer = answerFor(request);
      if (!answer.delay().isZero()) {
        Thread.sleep(answer.delay().toMillis());
      }
      boolean raw = answer.headers().containsKey(Answer.RAW);
      byte[] body =
          answer.body().getBytes(raw ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      exchange.getResponseHeaders().remove(Answer.RAW);
      exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (InterruptedException closing) {
      Thread.currentThread().interrupt();
    } catch (IOException callerGone) {
      // the client gave up (a timeout test) or the server is closing: nothing to answer
    }
  }

  private synchronized Answer answerFor(Request request) {
    Answer answer = null;
    if (all != null && all.matches().test(request)) {
      answer = all.answer();
    } else {
      for (Iterator<Script> scripts = next.iterator(); scripts.hasNext(); ) {
        Script script = scripts.next();
        if (script.matches().test(request)) {
          scripts.remove();
          answer = script.answer();
          break;
        }
      }
    }
    if (answer == null) {
      answer = routes.apply(request);
    }
    exchanges.add(new Exchange(request, answer));
    return answer;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
