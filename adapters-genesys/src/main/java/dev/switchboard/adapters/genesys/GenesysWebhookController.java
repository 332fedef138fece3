package dev.switchboard.adapters.genesys;

import dev.switchboard.adapters.support.WebhookReception;
import dev.switchboard.adapters.support.WebhookSignature;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.in.AcceptWebhookUseCase;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Receives Genesys' outbound webhook: checks the base64 {@code X-Hub-Signature-256} over the raw
 * bytes, then hands them, unparsed, to the durable inbox before answering 200.
 */
@Controller("/webhooks/genesys")
public class GenesysWebhookController {

  /** The header Genesys signs its webhooks in. */
  public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

  private final WebhookSignature signature;
  private final WebhookReception reception;

  public GenesysWebhookController(GenesysSettings settings, AcceptWebhookUseCase accept) {
    this.signature =
        new WebhookSignature(
            Objects.requireNonNull(
                settings.webhookSecret(), "switchboard.genesys.webhook-secret is not set"),
            WebhookSignature.Encoding.BASE64);
    this.reception = new WebhookReception(Objects.requireNonNull(accept, "accept"));
  }

  /**
   * Stores a correctly signed webhook; 401 without a valid signature, 503 when not stored. Runs on
   * the event loop: nothing here blocks, the answer goes out when the store has committed.
   */
  @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  public CompletableFuture<HttpResponse<String>> receive(
      @Nullable @Body byte[] body, @Nullable @Header(SIGNATURE_HEADER) String signed) {
    byte[] raw = body == null ? new byte[0] : body; // an empty request is checked like any other
    if (!signature.verifies(raw, signed)) {
      return WebhookReception.unauthorized("missing or invalid " + SIGNATURE_HEADER);
    }
    return reception.accept(WebhookSource.GENESYS, raw);
  }
}
