package dev.switchboard.adapters.genesys;

import dev.switchboard.adapters.support.RetryAfter;
import dev.switchboard.application.pipeline.FetchOutcome;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.MediaBytes;
import dev.switchboard.domain.message.OutboundContent;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the attachments agents send, only from the configured media hosts: redirects are followed
 * by hand, each target checked, at most {@link #MAX_REDIRECTS}; no more than the size limit is ever
 * read. The bearer token goes only to the Genesys API itself, never to another host.
 */
final class GenesysAttachments {

  /** The most redirects followed for one attachment. */
  static final int MAX_REDIRECTS = 3;

  /** Why an attachment from elsewhere is not fetched. */
  static final String NOT_ALLOWED =
      "attachments are only fetched from the contact center's media hosts";

  private static final Logger LOG = LoggerFactory.getLogger(GenesysAttachments.class);
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final String FALLBACK_MIME = "application/octet-stream";
  private static final long INITIAL_BUFFER = 64 * 1024;
  private static final long LARGEST_ARRAY = Integer.MAX_VALUE - 16;

  /** The body of an answer: its bytes, or the news that it is over the limit. */
  private record Body(byte[] bytes, boolean tooLarge) {
    static final Body NONE = new Body(new byte[0], false);
    static final Body TOO_LARGE = new Body(new byte[0], true);
  }

  private final MediaHosts hosts;
  private final URI api;
  private final GenesysTokens tokens;
  private final Clock clock;
  private final Duration timeout;
  private final Duration downloadTimeout;
  private final HttpClient client;

  /**
   * @param hosts where attachments may come from
   * @param api the Genesys API base: the one origin the bearer token is sent to
   * @param timeout how long connecting and the answer's headers may take
   * @param downloadTimeout how long a whole download may take
   * @param proxy the HTTP proxy to go through; {@code null} for the JVM's default
   */
  GenesysAttachments(
      MediaHosts hosts,
      URI api,
      GenesysTokens tokens,
      Clock clock,
      Duration timeout,
      Duration downloadTimeout,
      ProxySelector proxy) {
    this.hosts = Objects.requireNonNull(hosts, "hosts");
    this.api = Objects.requireNonNull(api, "api");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.downloadTimeout = Objects.requireNonNull(downloadTimeout, "downloadTimeout");
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER) // each hop is checked by hand
            .version(HttpClient.Version.HTTP_1_1);
    if (proxy != null) {
      builder.proxy(proxy);
    }
    this.client = builder.build();
  }

  /** The attachment's bytes, at most {@code maxBytes}; never throws for the remote side. */
  FetchOutcome fetch(OutboundContent.Media media, long maxBytes) {
    URI uri = parse(media.url());
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (uri == null || !hosts.allows(uri)) {
        LOG.warn(
            "an agent attachment {} was not fetched: not an http(s) URL of a configured media"
                + " host ({})",
            hop == 0 ? "URL" : "redirect",
            uri == null ? "not a URL" : uri.getHost());
        return unavailable(FailureReason.MESSAGE_NOT_ALLOWED, NOT_ALLOWED);
      }
      String token = null;
      HttpResponse<Body> response;
      try {
        token = sameOrigin(uri, api) ? tokens.bearer() : null;
        response = get(uri, maxBytes, token);
      } catch (GenesysTokens.Unavailable e) {
        return new FetchOutcome.RetryLater(e.retryAfter(), e.getMessage());
      } catch (HttpTimeoutException | TimeoutException e) {
        return retry("no answer within the time allowed", uri);
      } catch (IOException e) {
        return retry("no answer: " + e.getClass().getSimpleName(), uri);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return retry("interrupted", uri);
      }
      int status = response.statusCode();
      if (REDIRECTS.contains(status) && response.headers().firstValue("Location").isPresent()) {
        uri = resolve(uri, response.headers().firstValue("Location").get());
        continue;
      }
      return outcome(media, maxBytes, uri, response, token);
    }
    return unavailable(
        FailureReason.GENERAL_ERROR,
        "the attachment was not fetched: more than " + MAX_REDIRECTS + " redirects");
  }

  private FetchOutcome outcome(
      OutboundContent.Media media,
      long maxBytes,
      URI uri,
      HttpResponse<Body> response,
      String token) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      if (response.body().tooLarge()) {
        return unavailable(
            FailureReason.INVALID_MEDIA_CONTENT_LENGTH,
            "the attachment is larger than " + maxBytes + " bytes");
      }
      return new FetchOutcome.Fetched(
          new MediaBytes(
              response.body().bytes(), mime(response.headers(), media), media.filename()));
    }
    if (status == 401 && token != null) {
      tokens.refused(token);
      return retry("the token was refused (HTTP 401)", uri);
    }
    if (status == 408 || status == 429 || status >= 500) {
      return new FetchOutcome.RetryLater(
          RetryAfter.parse(
              response.headers().firstValue("Retry-After").orElse(null), clock.instant()),
          "the attachment host " + uri.getHost() + " answered HTTP " + status);
    }
    if (status == 404 || status == 410) {
      return unavailable(
          FailureReason.GENERAL_ERROR,
          "the attachment is no longer available (HTTP " + status + ")");
    }
    return unavailable(
        FailureReason.GENERAL_ERROR, "the attachment could not be fetched (HTTP " + status + ")");
  }

  /** One GET, its body read only when it is a success within the limit. */
  private HttpResponse<Body> get(URI uri, long maxBytes, String token)
      throws IOException, InterruptedException, TimeoutException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(timeout);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    CompletableFuture<HttpResponse<Body>> answer =
        client.sendAsync(request.build(), info -> body(info, maxBytes));
    try {
      return answer.get(downloadTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | InterruptedException e) {
      answer.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause == null ? "failed" : cause.getClass().getSimpleName());
    }
  }

  /** What to read of an answer: nothing unless a success, and at most {@code maxBytes}. */
  private static HttpResponse.BodySubscriber<Body> body(
      HttpResponse.ResponseInfo info, long maxBytes) {
    if (info.statusCode() < 200 || info.statusCode() >= 300) {
      return CappedBody.skipping(Body.NONE);
    }
    OptionalLong declared = contentLength(info.headers());
    if (declared.isPresent() && declared.getAsLong() > maxBytes) {
      return CappedBody.skipping(Body.TOO_LARGE);
    }
    return new CappedBody(maxBytes, declared.orElse(INITIAL_BUFFER), null);
  }

  private static OptionalLong contentLength(HttpHeaders headers) {
    try {
      return headers.firstValueAsLong("Content-Length");
    } catch (NumberFormatException unreadable) {
      return OptionalLong.empty();
    }
  }

  /** The answer's Content-Type, else the type the agent's message gave. */
  private static String mime(HttpHeaders headers, OutboundContent.Media media) {
    String type = headers.firstValue("Content-Type").map(String::strip).orElse("");
    if (type.isEmpty()) {
      type = media.mimeType().strip();
    }
    return type.isEmpty() ? FALLBACK_MIME : type;
  }

  private static URI parse(String url) {
    try {
      return new URI(url.strip());
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static URI resolve(URI base, String location) {
    try {
      return base.resolve(new URI(location.strip()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  /** Whether both have the same scheme, host and port. */
  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getHost() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
  }

  private static FetchOutcome unavailable(FailureReason reason, String message) {
    return new FetchOutcome.Unavailable(new DeliveryFailure(reason, message));
  }

  private static FetchOutcome retry(String what, URI uri) {
    return new FetchOutcome.RetryLater(
        null, "fetching an attachment from " + uri.getHost() + ": " + what);
  }

  /**
   * Collects a body up to a limit and stops reading (closing the connection) as soon as it is over,
   * or, when skipping, reads nothing at all.
   */
  private static final class CappedBody implements HttpResponse.BodySubscriber<Body> {

    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private final Body immediate;
    private final long limit;
    private Flow.Subscription subscription;
    private byte[] buffer;
    private int size;

    /**
     * @param maxBytes the most bytes read
     * @param expected how many bytes to make room for first
     * @param immediate the result without reading anything; {@code null} to read the body
     */
    private CappedBody(long maxBytes, long expected, Body immediate) {
      this.immediate = immediate;
      this.limit = Math.min(maxBytes, LARGEST_ARRAY);
      this.buffer = new byte[(int) Math.max(0, Math.min(expected, limit))];
    }

    /** Reads nothing and gives {@code result}. */
    static CappedBody skipping(Body result) {
      return new CappedBody(0, 0, result);
    }

    @Override
    public CompletionStage<Body> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      if (immediate != null) {
        subscription.cancel();
        result.complete(immediate);
        return;
      }
      this.subscription = subscription;
      subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        int more = item.remaining();
        if ((long) size + more > limit) {
          subscription.cancel();
          result.complete(Body.TOO_LARGE);
          return;
        }
        if (size + more > buffer.length) {
          long grown = Math.max(2L * buffer.length, (long) size + more);
          buffer = Arrays.copyOf(buffer, (int) Math.min(limit, grown));
        }
        item.get(buffer, size, more);
        size += more;
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
      result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      result.complete(
          new Body(size == buffer.length ? buffer : Arrays.copyOf(buffer, size), false));
    }
  }
}
