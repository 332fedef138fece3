package dev.switchboard.adapters.support;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.ByteBodyHttpResponse;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.RawHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Downloads bytes from a URL a channel gave (with a bearer token, or a token in the URL itself),
 * reading the body as a stream and never more than the limit asked for: a declared length over the
 * limit is refused before the body is read, and a body that grows past it is cut off. The URL is
 * never put in a result or a log (its query may carry tokens).
 */
public final class CappedDownload implements AutoCloseable {

  private static final int CHUNK = 64 * 1024;

  /** What became of one download. */
  public sealed interface Result
      permits Result.Downloaded, Result.TooLarge, Result.Expired, Result.Passing, Result.Refused {

    /** The bytes, and the {@code Content-Type} they came with ({@code null} when none). */
    record Downloaded(byte[] content, @Nullable String contentType) implements Result {}

    /** The body is larger than the limit. */
    record TooLarge() implements Result {}

    /** The URL no longer serves the bytes (401, 403, 404, 410): it may have expired. */
    record Expired(int status) implements Result {}

    /** A passing failure (408, 429, 5xx, a timeout, a broken connection). */
    record Passing(@Nullable String retryAfter, String reason) implements Result {}

    /** Any other answer: trying again cannot help. */
    record Refused(String reason) implements Result {}
  }

  private final RawHttpClient client;
  private final Duration timeout;

  /**
   * @param base any URL of the HTTP client (requests name their own absolute URL)
   * @param connectTimeout how long a connection may take to open
   * @param timeout how long the answer's head may take, and the longest pause within its body
   */
  public CappedDownload(URI base, Duration connectTimeout, Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    DefaultHttpClientConfiguration config = new DefaultHttpClientConfiguration();
    config.setConnectTimeout(connectTimeout);
    config.setReadTimeout(timeout);
    config.setReadIdleTimeout(timeout);
    config.setFollowRedirects(false);
    this.client = RawHttpClient.create(base, config);
  }

  /**
   * Downloads {@code url}, at most {@code maxBytes}.
   *
   * @param bearerToken the token to present; {@code null} when the URL itself carries one
   */
  public Result get(URI url, @Nullable String bearerToken, long maxBytes) {
    MutableHttpRequest<?> request = HttpRequest.GET(url);
    if (bearerToken != null) {
      request.bearerAuth(bearerToken);
    }
    HttpResponse<?> response;
    try {
      response = firstOf(client.exchange(request, null, Thread.currentThread()));
    } catch (TimeoutException slow) {
      return new Result.Passing(null, "the download did not answer in time");
    } catch (ExecutionException | RuntimeException unreachable) {
      // the exception's message may name the URL: name only its kind
      Throwable cause = unreachable.getCause() == null ? unreachable : unreachable.getCause();
      return new Result.Passing(
          null, "the download failed (" + cause.getClass().getSimpleName() + ")");
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return new Result.Passing(null, "the download was interrupted");
    }
    try {
      return read(response, maxBytes);
    } finally {
      if (response instanceof ByteBodyHttpResponse<?> closeable) {
        closeable.close();
      }
    }
  }

  private static Result read(HttpResponse<?> response, long maxBytes) {
    int status = response.code();
    if (status == 401 || status == 403 || status == 404 || status == 410) {
      return new Result.Expired(status);
    }
    if (status == 408 || status == 429 || status >= 500) {
      return new Result.Passing(
          response.getHeaders().get(HttpHeaders.RETRY_AFTER),
          "the download answered HTTP " + status);
    }
    if (status < 200 || status >= 300) {
      return new Result.Refused("the download answered HTTP " + status);
    }
    if (!(response instanceof ByteBodyHttpResponse<?> raw)) {
      return new Result.Refused("the download gave no body");
    }
    ByteBody body = raw.byteBody();
    OptionalLong declared = body.expectedLength();
    if (declared.isPresent() && declared.getAsLong() > maxBytes) {
      return new Result.TooLarge();
    }
    String contentType = response.getHeaders().get(HttpHeaders.CONTENT_TYPE);
    try (InputStream in = body.toInputStream()) {
      int initial = (int) Math.min(declared.orElse(CHUNK), Math.min(maxBytes, Integer.MAX_VALUE));
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(initial, 0));
      byte[] chunk = new byte[CHUNK];
      long total = 0;
      while (true) {
        // one byte more than allowed at most: enough to know the body is too large
        int wanted = (int) Math.min(chunk.length, maxBytes + 1 - total);
        int read = in.read(chunk, 0, wanted);
        if (read < 0) {
          break;
        }
        total += read;
        if (total > maxBytes) {
          return new Result.TooLarge();
        }
        out.write(chunk, 0, read);
      }
      return new Result.Downloaded(out.toByteArray(), contentType);
    } catch (IOException | RuntimeException broken) {
      return new Result.Passing(
          null, "the download broke off (" + broken.getClass().getSimpleName() + ")");
    }
  }

  /** The first item of {@code publisher}, waiting at most the timeout. */
  private <T> T firstOf(Publisher<? extends T> publisher)
      throws InterruptedException, ExecutionException, TimeoutException {
    First<T> first = new First<>();
    publisher.subscribe(first);
    try {
      return first.result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | InterruptedException gaveUp) {
      first.abandon();
      throw gaveUp;
    }
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException ignored) {
      // closing: nothing more to do
    }
  }

  /** Takes the first item; one that comes after the taker gave up is closed. */
  private static final class First<T> implements Subscriber<T> {
    final CompletableFuture<T> result = new CompletableFuture<>();
    private volatile Subscription subscription;

    @Override
    public void onSubscribe(Subscription subscription) {
      this.subscription = subscription;
      subscription.request(1);
    }

    @Override
    public void onNext(T item) {
      if (!result.complete(item) && item instanceof ByteBodyHttpResponse<?> late) {
        late.close();
      }
    }

    @Override
    public void onError(Throwable error) {
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      result.completeExceptionally(new IOException("the connection closed without an answer"));
    }

    void abandon() {
      result.cancel(false);
      Subscription current = subscription;
      if (current != null) {
        current.cancel();
      }
    }
  }
}
