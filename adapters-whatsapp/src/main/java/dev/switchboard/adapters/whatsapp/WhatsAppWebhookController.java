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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "webhooks", description = "Webhooks from Meta, Genesys and Telegram")
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
  @Operation(
      operationId = "whatsappVerify",
      summary = "Meta's subscription handshake",
      description =
          "With hub.mode=subscribe and hub.verify_token equal to the configured verify token,"
              + " answers the hub.challenge as text/plain.")
  @Parameter(name = "hub.mode", in = ParameterIn.QUERY, description = "subscribe")
  @Parameter(name = "hub.verify_token", in = ParameterIn.QUERY, description = "the verify token")
  @Parameter(name = "hub.challenge", in = ParameterIn.QUERY, description = "echoed back")
  @ApiResponse(responseCode = "200", description = "the hub.challenge, the token matched")
  @ApiResponse(responseCode = "403", description = "wrong mode or verify token")
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
  @Operation(
      operationId = "whatsappWebhook",
      summary = "A WhatsApp webhook event from Meta",
      description =
          "Checks X-Hub-Signature-256 (sha256= + lowercase hex HMAC-SHA256 of the raw body with"
              + " the app secret) and stores the raw event durably; never parses it here.")
  @ApiResponse(
      responseCode = "200",
      description = "the raw event is durably stored",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
  @ApiResponse(responseCode = "401", description = "signature missing or wrong")
  @ApiResponse(responseCode = "413", description = "over the request size limit")
  @ApiResponse(responseCode = "429", description = "backlog over its bound; see Retry-After")
  @ApiResponse(responseCode = "503", description = "store unavailable; see Retry-After")
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
