package dev.switchboard.bootstrap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP server's meters, {@code http_server_requests_seconds{method, uri, status}} (the route's
 * template as {@code uri}, never a path that could name a customer), and the webhooks counted by
 * their answer ({@link MicrometerMeters#webhook}): 200 accepted, 401 unauthorized, 429 throttled,
 * 413 too large (also when Micronaut refuses a body over {@code
 * micronaut.server.max-request-size}).
 *
 * <p>Micrometer's own web binder is left off (application.yml): its filter cost about a fifth of
 * the embedded ingest's throughput. This one is two plain filter methods, no histogram and no
 * percentile, and each timer is looked up once per route and status.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class HttpMeters {

  static final String REQUESTS = "http.server.requests";

  private static final String STARTED = HttpMeters.class.getName() + ".started";
  private static final String WEBHOOKS = "/webhooks/";

  private final Optional<MeterRegistry> registry;
  private final MicrometerMeters meters;
  private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

  HttpMeters(Optional<MeterRegistry> registry, MicrometerMeters meters) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.meters = Objects.requireNonNull(meters, "meters");
  }

  @RequestFilter
  void started(HttpRequest<?> request) {
    if (registry.isPresent()) {
      request.setAttribute(STARTED, System.nanoTime());
    }
  }

  @ResponseFilter
  void answered(HttpRequest<?> request, MutableHttpResponse<?> response) {
    if (registry.isEmpty()) {
      return;
    }
    int status = response.code();
    if (request.getMethod() == HttpMethod.POST) {
      countWebhook(request.getPath(), status);
    }
    Object started = request.getAttribute(STARTED).orElse(null);
    if (!(started instanceof Long nanos)) {
      return;
    }
    String uri =
        BasicHttpAttributes.getUriTemplate(request).orElse(status == 404 ? "NOT_FOUND" : "UNKNOWN");
    Key key = new Key(request.getMethod(), uri, status);
    timers
        .computeIfAbsent(
            key,
            k ->
                Timer.builder(REQUESTS)
                    .description("HTTP requests the bridge answered")
                    .tag("method", k.method().name())
                    .tag("uri", k.uri())
                    .tag("status", Integer.toString(k.status()))
                    .tag("outcome", outcome(k.status()))
                    .register(registry.get()))
        .record(Duration.ofNanos(System.nanoTime() - nanos));
  }

  private void countWebhook(String path, int status) {
    if (!path.startsWith(WEBHOOKS)) {
      return;
    }
    String source = source(path);
    if (source == null) {
      return;
    }
    switch (status) {
      case 200 -> meters.webhook(source, MicrometerMeters.WebhookOutcome.ACCEPTED);
      case 401 -> meters.webhook(source, MicrometerMeters.WebhookOutcome.UNAUTHORIZED);
      case 413 -> meters.webhook(source, MicrometerMeters.WebhookOutcome.TOO_LARGE);
      case 429 -> meters.webhook(source, MicrometerMeters.WebhookOutcome.THROTTLED);
      default -> {
        // 404 (no such connection), 400, 503: not among the counted outcomes
      }
    }
  }

  /** The sender a webhook path names, or null for a path of no sender. */
  static String source(String path) {
    int start = WEBHOOKS.length();
    int end = path.indexOf('/', start);
    String name = end < 0 ? path.substring(start) : path.substring(start, end);
    return switch (name) {
      case "whatsapp" -> "whatsapp";
      case "genesys" -> "genesys";
      case "telegram" -> "telegram";
      default -> null;
    };
  }

  private static String outcome(int status) {
    if (status < 200) {
      return "INFORMATIONAL";
    }
    if (status < 300) {
      return "SUCCESS";
    }
    if (status < 400) {
      return "REDIRECTION";
    }
    return status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
  }

  private record Key(HttpMethod method, String uri, int status) {}
}
