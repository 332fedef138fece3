package dev.switchboard.bootstrap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP server's meters, {@code http_server_requests_seconds{method, uri, status, outcome}}, and
 * the webhooks counted by their answer ({@link MicrometerMeters#webhook}): 200 accepted, 401
 * unauthorized, 429 throttled, 413 too large (also when Micronaut refuses a body over {@code
 * micronaut.server.max-request-size}, before any route runs).
 *
 * <p>Measured in Netty's pipeline, right after the HTTP codec: each request's start is noted when
 * its head is read, and its answer timed when the response's head is written. Micrometer's own web
 * binder is left off (application.yml): it is a Micronaut filter, and a filter on every request
 * puts each one through the filter chain, which cost about a fifth of the embedded ingest's
 * throughput. No histogram, no percentile; {@code uri} is a template chosen from the path's prefix
 * ({@link #uriOf}), never a path that could name a connection's customer, and each timer is looked
 * up once per template, method and status.
 */
@Singleton
final class HttpMeters implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

  static final String REQUESTS = "http.server.requests";

  private static final String HANDLER = "switchboard-http-meters";

  private final Optional<MeterRegistry> registry;
  private final MicrometerMeters meters;
  private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

  HttpMeters(Optional<MeterRegistry> registry, MicrometerMeters meters) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.meters = Objects.requireNonNull(meters, "meters");
  }

  @Override
  public NettyServerCustomizer.Registry onCreated(
      BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
    if (registry.isPresent()) {
      event.getBean().register(new Customizer(null));
    }
    return event.getBean();
  }

  /** Adds a handler to each HTTP/1 connection's pipeline. */
  private final class Customizer implements NettyServerCustomizer {
    private final Channel channel;

    Customizer(Channel channel) {
      this.channel = channel;
    }

    @Override
    public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
      return role == ChannelRole.CONNECTION ? new Customizer(channel) : this;
    }

    @Override
    public void onStreamPipelineBuilt() {
      if (channel != null
          && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
          && channel.pipeline().get(HANDLER) == null) {
        channel
            .pipeline()
            .addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, HANDLER, new Handler());
      }
    }
  }

  /**
   * One connection's requests, in order (HTTP/1.1 answers them in the order they came): the oldest
   * unanswered one is timed by the next response head.
   */
  private final class Handler extends ChannelDuplexHandler {
    private final java.util.ArrayDeque<Started> waiting = new java.util.ArrayDeque<>(2);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      if (msg instanceof HttpRequest request) {
        waiting.add(new Started(request.method().name(), request.uri(), System.nanoTime()));
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
        throws Exception {
      if (msg instanceof HttpResponse response
          && response.status().code() >= 200
          && !waiting.isEmpty()) {
        answered(waiting.poll(), response.status().code());
      }
      ctx.write(msg, promise);
    }
  }

  private void answered(Started request, int status) {
    String uri = uriOf(request.path());
    if ("POST".equals(request.method())) {
      countWebhook(uri, status);
    }
    timers
        .computeIfAbsent(
            new Key(request.method(), uri, status),
            k ->
                Timer.builder(REQUESTS)
                    .description("HTTP requests the bridge answered")
                    .tag("method", k.method())
                    .tag("uri", k.uri())
                    .tag("status", Integer.toString(k.status()))
                    .tag("outcome", outcome(k.status()))
                    .register(registry.orElseThrow()))
        .record(System.nanoTime() - request.startedAt(), java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  private void countWebhook(String uri, int status) {
    String source = sourceOf(uri);
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

  /** The routes' templates, by the path's prefix; anything else is {@code OTHER}. */
  static String uriOf(String path) {
    int query = path.indexOf('?');
    String p = query < 0 ? path : path.substring(0, query);
    if (p.equals("/webhooks/whatsapp")) {
      return "/webhooks/whatsapp";
    }
    if (p.equals("/webhooks/genesys")) {
      return "/webhooks/genesys";
    }
    if (p.startsWith("/webhooks/genesys/")) {
      return "/webhooks/genesys/{connection}";
    }
    if (p.startsWith("/webhooks/telegram/")) {
      return "/webhooks/telegram/{connection}";
    }
    if (p.startsWith("/media/")) {
      return "/media/{id}";
    }
    if (p.startsWith("/admin/")) {
      return "/admin/**";
    }
    if (p.equals("/health") || p.startsWith("/health/")) {
      return p.equals("/health/liveness") || p.equals("/health/readiness") ? p : "/health";
    }
    if (p.equals("/prometheus")) {
      return "/prometheus";
    }
    if (p.startsWith("/swagger/")) {
      return "/swagger/**";
    }
    if (p.equals("/sandbox") || p.startsWith("/sandbox/")) {
      return "/sandbox/**";
    }
    return "OTHER";
  }

  /** The sender a webhook route is for, or null for a route of no sender. */
  static String sourceOf(String uri) {
    if (uri.startsWith("/webhooks/whatsapp")) {
      return "whatsapp";
    }
    if (uri.startsWith("/webhooks/genesys")) {
      return "genesys";
    }
    if (uri.startsWith("/webhooks/telegram")) {
      return "telegram";
    }
    return null;
  }

  private static String outcome(int status) {
    if (status < 300) {
      return "SUCCESS";
    }
    if (status < 400) {
      return "REDIRECTION";
    }
    return status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
  }

  private record Started(String method, String path, long startedAt) {}

  private record Key(String method, String uri, int status) {}
}
