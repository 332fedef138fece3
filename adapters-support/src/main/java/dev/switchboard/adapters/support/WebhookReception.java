package dev.switchboard.adapters.support;

import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.in.AcceptWebhookCommand;
import dev.switchboard.application.port.in.AcceptWebhookUseCase;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every webhook controller does once it has the raw bytes: hands them to {@link
 * AcceptWebhookUseCase} and answers 200 once they are stored, 429 with {@code Retry-After} while
 * the backlog is over its bound, and 503 with {@code Retry-After} when they could not be stored
 * (never a 500, so that the sender retries); and the 401 and 404 answers that come before. The
 * bodies are small JSON objects: {@code {"status":"accepted"}} or {@code {"error":"..."}}. Nothing
 * here blocks: the answer goes out when the inbox has committed.
 */
public final class WebhookReception {

  /** Seconds a sender is asked to wait when its webhook could not be stored. */
  public static final String RETRY_AFTER_SECONDS = "5";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookReception.class);
  private static final String ACCEPTED = "{\"status\":\"accepted\"}";
  private static final String NOT_STORED =
      "{\"error\":\"the webhook could not be stored; retry later\"}";
  private static final String BACKLOG_FULL =
      "{\"error\":\"the backlog is over its bound; retry later\"}";

  private final AcceptWebhookUseCase accept;

  public WebhookReception(AcceptWebhookUseCase accept) {
    this.accept = Objects.requireNonNull(accept, "accept");
  }

  /** Stores the verified bytes and answers once they are stored, or why not. */
  public CompletableFuture<HttpResponse<String>> accept(WebhookSource source, byte[] body) {
    return accept
        .accept(new AcceptWebhookCommand(source, body))
        .handle((acceptance, notStored) -> answer(source, acceptance, notStored, body.length))
        .toCompletableFuture();
  }

  /** 401: the request is not authenticated as the sender (the reason names the header). */
  public static CompletableFuture<HttpResponse<String>> unauthorized(String why) {
    return CompletableFuture.completedFuture(
        json(HttpStatus.UNAUTHORIZED, "{\"error\":\"" + why + "\"}"));
  }

  /** 404: no such receiver (a connection that does not exist, or is not of this channel). */
  public static CompletableFuture<HttpResponse<String>> notFound(String why) {
    return CompletableFuture.completedFuture(
        json(HttpStatus.NOT_FOUND, "{\"error\":\"" + why + "\"}"));
  }

  private static HttpResponse<String> answer(
      WebhookSource source,
      AcceptWebhookUseCase.Acceptance acceptance,
      Throwable notStored,
      int bytes) {
    if (notStored != null) {
      Throwable cause = notStored instanceof CompletionException ? notStored.getCause() : notStored;
      LOG.error(
          "could not store a {} webhook of {} bytes; answered 503 so that it is sent again: {}",
          source,
          bytes,
          cause.toString());
      return json(HttpStatus.SERVICE_UNAVAILABLE, NOT_STORED)
          .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
    if (acceptance instanceof AcceptWebhookUseCase.Throttled throttled) {
      return json(HttpStatus.TOO_MANY_REQUESTS, BACKLOG_FULL)
          .header(HttpHeaders.RETRY_AFTER, RetryAfter.headerValue(throttled.retryAfter()));
    }
    return json(HttpStatus.OK, ACCEPTED);
  }

  private static io.micronaut.http.MutableHttpResponse<String> json(
      HttpStatus status, String body) {
    return HttpResponse.<String>status(status)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(body);
  }
}
