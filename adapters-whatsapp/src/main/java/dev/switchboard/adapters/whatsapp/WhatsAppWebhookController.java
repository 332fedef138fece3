package dev.switchboard.adapters.whatsapp;

import dev.switchboard.adapters.support.WebhookReception;
import dev.switchboard.adapters.support.WebhookSignature;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.in.AcceptWebhookUseCase;
import io.micronaut.core.annotation.Nullable;
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

  /** Meta's webhooks name their numbers inside, not in their address: no connection here. */
  private static final WebhookSource SOURCE = WebhookSource.of(WhatsAppWebhookDecoder.SOURCE);

  private static final String SUBSCRIBE = "subscribe";
  private static final int MAX_CHALLENGE_LENGTH = 256;

  private final WebhookReception reception;
  private final @Nullable WebhookSignature signature;
  private final byte @Nullable [] verifyToken;

  public WhatsAppWebhookController(AcceptWebhookUseCase acceptWebhook, WhatsAppSettings settings) {
    this.reception = new WebhookReception(Objects.requireNonNull(acceptWebhook, "acceptWebhook"));
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
      return WebhookReception.unauthorized("missing or invalid " + SIGNATURE_HEADER);
    }
    return reception.accept(SOURCE, raw);
  }

  private static boolean isBlank(@Nullable String value) {
    return value == null || value.isBlank();
  }
}
