package dev.switchboard.bootstrap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;

/** A local HTTP server that records requests and answers them by route, with scripted faults. */
final class StubServer implements AutoCloseable {

  /** A recorded request. */
  record Request(String method, String path, Map<String, List<String>> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /** An answer. */
  record Answer(int status, String body, Map<String, String> headers) {
    static Answer json(int status, String body) {
      return new Answer(status, body, Map.of());
    }
  }

  private record Fault(Predicate<Request> matches, Answer answer) {}

  private final HttpServer server;
  private final Function<Request, Answer> routes;
  private final List<Request> requests = new ArrayList<>();
  private final List<Answer> answers = new ArrayList<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private volatile Fault outage;

  StubServer(Function<Request, Answer> routes) {
    this.routes = routes;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next matching request gets {@code answer} instead of the route's. */
  synchronized void failNext(Predicate<Request> matches, Answer answer) {
    faults.add(new Fault(matches, answer));
  }

  /** Every matching request gets {@code answer} until {@link #endOutage()}. */
  void startOutage(Predicate<Request> matches, Answer answer) {
    outage = new Fault(matches, answer);
  }

  void endOutage() {
    outage = null;
  }

  /** The requests to paths containing {@code needle} that were answered 2xx. */
  synchronized List<Request> accepted(String needle) {
    List<Request> found = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      if (requests.get(i).path().contains(needle) && answers.get(i).status() / 100 == 2) {
        found.add(requests.get(i));
      }
    }
    return found;
  }

  /** Every request to paths containing {@code needle}, answered or faulted. */
  synchronized List<Request> all(String needle) {
    return requests.stream().filter(r -> r.path().contains(needle)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    Request request =
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            Map.copyOf(exchange.getRequestHeaders()),
            exchange.getRequestBody().readAllBytes());
    Answer answer = answerFor(request);
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  private synchronized Answer answerFor(Request request) {
    Answer answer = null;
    Fault down = outage;
    if (down != null && down.matches().test(request)) {
      answer = down.answer();
    } else {
      for (var it = faults.iterator(); it.hasNext(); ) {
        Fault fault = it.next();
        if (fault.matches().test(request)) {
          it.remove();
          answer = fault.answer();
          break;
        }
      }
    }
    if (answer == null) {
      answer = routes.apply(request);
    }
    requests.add(request);
    answers.add(answer);
    return answer;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
