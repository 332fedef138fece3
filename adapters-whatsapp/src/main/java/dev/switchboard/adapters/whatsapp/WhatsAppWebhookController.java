package dev.switchboard.adapters.whatsapp;

import dev.switchboard.application.pipeline.RetryAfter;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.in.AcceptWebhookCommand;
import dev.switchboard.application.port.in.AcceptWebhookUseCase;
import dev.switchboard.application.security.WebhookSignature;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meta's webhooks for the WhatsApp Business Cloud API: the subscription handshake ({@code GET}) and
 * the events ({@code POST}).
 *
 * <p>The hot path only checks the {@code X-Hub-Signature-256} header over the raw bytes (in
 * constant time, before anything else) and hands the bytes to {@link AcceptWebhookUseCase}, which
 * stores them durably; it never parses them. 401 for a missing or wrong signature, 200 once stored,
 * 503 with {@code Retry-After} when the store is unavailable (never a 500, so Meta retries).
 */
@Controller("/webhooks/whatsapp")
public final class WhatsAppWebhookController {

  /** The header Meta signs its webhooks in. */
  public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

  /** Seconds Meta is asked to wait when the webhook could not be stored. */
  static final String RETRY_AFTER_SECONDS = "5";

  private static final Logger LOG = LoggerFactory.getLogger(WhatsAppWebhookController.class);
  private static final String SUBSCRIBE = "subscribe";
  private static final int MAX_CHALLENGE_LENGTH = 256;
  private static final String BAD_SIGNATURE =
      "{\"error\":\"missing or invalid X-Hub-Signature-256\"}";
  private static final String NOT_STORED =
      "{\"error\":\"the webhook could not be stored; retry later\"}";

  private final AcceptWebhookUseCase acceptWebhook;
  private final @Nullable WebhookSignature signature;
  private final byte @Nullable [] verifyToken;

  public WhatsAppWebhookController(AcceptWebhookUseCase acceptWebhook, WhatsAppSettings settings) {
    this.acceptWebhook = Objects.requireNonNull(acceptWebhook, "acceptWebhook");
    // without a secret (start-up stops before that in production) nothing verifies: all is 401
    this.signature =
        isBlank(settings.appSecret())
            ? null
            : new WebhookSignature(settings.appSecret(), WebhookSignature.Encoding.HEX);
    this.verifyToken =
        isBlank(settings.verifyToken())
            ? null
            : settings.verifyToken().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The subscription handshake: echoes {@code hub.challenge} when {@code hub.mode} is {@code
   * subscribe} and {@code hub.verify_token} is the configured token; 403 otherwise.
   */
  @Get(produces = MediaType.TEXT_PLAIN)
  public HttpResponse<String> verify(HttpRequest<?> request) {
    String mode = request.getParameters().get("hub.mode");
    String token = request.getParameters().get("hub.verify_token");
    String challenge = request.getParameters().get("hub.challenge");
    if (!SUBSCRIBE.equals(mode)
        || token == null
        || verifyToken == null
        || challenge == null
        || challenge.isEmpty()
        || challenge.length() > MAX_CHALLENGE_LENGTH
        || !MessageDigest.isEqual(verifyToken, token.getBytes(StandardCharsets.UTF_8))) {
      return HttpResponse.status(HttpStatus.FORBIDDEN);
    }
    return HttpResponse.ok(challenge).contentType(MediaType.TEXT_PLAIN_TYPE);
  }

  /**
   * An event: verified, stored durably, then answered 200. Runs on the event loop: nothing here
   * blocks, the answer goes out when the inbox has committed the webhook.
   */
  @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  public CompletableFuture<HttpResponse<String>> receive(
      @Nullable @Header(SIGNATURE_HEADER) String signatureHeader, @Nullable @Body byte[] body) {
    byte[] raw = body == null ? new byte[0] : body;
    if (signature == null || !signature.verifies(raw, signatureHeader)) {
      return CompletableFuture.completedFuture(
          HttpResponse.<String>status(HttpStatus.UNAUTHORIZED)
              .contentType(MediaType.APPLICATION_JSON_TYPE)
              .body(BAD_SIGNATURE));
    }
    return acceptWebhook
        .accept(new AcceptWebhookCommand(WebhookSource.WHATSAPP, raw))
        .handle((acceptance, notStored) -> answer(acceptance, notStored, raw.length))
        .toCompletableFuture();
  }

  private static HttpResponse<String> answer(
      AcceptWebhookUseCase.Acceptance acceptance, Throwable notStored, int bytes) {
    if (notStored != null) {
      LOG.error(
          "could not store a WhatsApp webhook of {} bytes; answered 503 so that Meta retries",
          bytes,
          notStored instanceof CompletionException ? notStored.getCause() : notStored);
      return HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
          .contentType(MediaType.APPLICATION_JSON_TYPE)
          .body(NOT_STORED);
    }
    if (acceptance instanceof AcceptWebhookUseCase.Throttled throttled) {
      return HttpResponse.<String>status(HttpStatus.TOO_MANY_REQUESTS)
          .header(HttpHeaders.RETRY_AFTER, RetryAfter.headerValue(throttled.retryAfter()))
          .contentType(MediaType.APPLICATION_JSON_TYPE)
          .body(BACKLOG_FULL);
    }
    return HttpResponse.ok();
  }

  private static final String BACKLOG_FULL =
      "{\"error\":\"the backlog is over its bound; retry later\"}";

  private static boolean isBlank(@Nullable String value) {
    return value == null || value.isBlank();
  }
}
