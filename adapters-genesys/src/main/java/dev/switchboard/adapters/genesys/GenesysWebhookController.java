package dev.switchboard.adapters.genesys;

import dev.switchboard.application.pipeline.RetryAfter;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.in.AcceptWebhookCommand;
import dev.switchboard.application.port.in.AcceptWebhookUseCase;
import dev.switchboard.application.security.WebhookSignature;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Genesys' outbound webhook: checks the base64 {@code X-Hub-Signature-256} over the raw
 * bytes, then hands them, unparsed, to the durable inbox before answering 200.
 */
@Controller("/webhooks/genesys")
public class GenesysWebhookController {

  /** The header Genesys signs its webhooks in. */
  public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

  /** How long a sender is asked to wait when the webhook could not be stored. */
  static final String RETRY_AFTER_SECONDS = "5";

  private static final Logger LOG = LoggerFactory.getLogger(GenesysWebhookController.class);

  private final WebhookSignature signature;
  private final AcceptWebhookUseCase accept;

  public GenesysWebhookController(GenesysSettings settings, AcceptWebhookUseCase accept) {
    this.signature =
        new WebhookSignature(
            Objects.requireNonNull(
                settings.webhookSecret(), "switchboard.genesys.webhook-secret is not set"),
            WebhookSignature.Encoding.BASE64);
    this.accept = Objects.requireNonNull(accept, "accept");
  }

  /**
   * Stores a correctly signed webhook; 401 without a valid signature, 503 when not stored. Runs on
   * the event loop: nothing here blocks, the answer goes out when the store has committed.
   */
  @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  public CompletableFuture<HttpResponse<Map<String, String>>> receive(
      @Nullable @Body byte[] body, @Nullable @Header(SIGNATURE_HEADER) String signed) {
    byte[] raw = body == null ? new byte[0] : body; // an empty request is checked like any other
    if (!signature.verifies(raw, signed)) {
      return CompletableFuture.completedFuture(
          HttpResponse.unauthorized()
              .body(Map.of("error", "missing or invalid " + SIGNATURE_HEADER)));
    }
    return accept
        .accept(new AcceptWebhookCommand(WebhookSource.GENESYS, raw))
        .handle(GenesysWebhookController::answer)
        .toCompletableFuture();
  }

  private static HttpResponse<Map<String, String>> answer(
      AcceptWebhookUseCase.Acceptance acceptance, Throwable notStored) {
    if (notStored != null) {
      Throwable cause = notStored instanceof CompletionException ? notStored.getCause() : notStored;
      LOG.error(
          "a Genesys webhook could not be stored; asked Genesys to retry: {}", cause.toString());
      return HttpResponse.<Map<String, String>>status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
          .body(Map.of("error", "the webhook could not be stored; retry later"));
    }
    if (acceptance instanceof AcceptWebhookUseCase.Throttled throttled) {
      return HttpResponse.<Map<String, String>>status(HttpStatus.TOO_MANY_REQUESTS)
          .header(HttpHeaders.RETRY_AFTER, RetryAfter.headerValue(throttled.retryAfter()))
          .body(Map.of("error", "the backlog is over its bound; retry later"));
    }
    return HttpResponse.ok(Map.of("status", "accepted"));
  }
}
