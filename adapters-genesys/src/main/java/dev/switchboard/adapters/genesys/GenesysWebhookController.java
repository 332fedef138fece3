package dev.switchboard.adapters.genesys;

import dev.switchboard.adapters.support.WebhookReception;
import dev.switchboard.adapters.support.WebhookSignature;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.in.AcceptWebhookUseCase;
import dev.switchboard.domain.channel.ConnectionId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Receives Genesys' outbound webhooks, one address per connection: {@code /webhooks/genesys/{name}}
 * for a named connection, {@code /webhooks/genesys} for the {@code default} one. Checks the base64
 * {@code X-Hub-Signature-256} over the raw bytes with that connection's integration's secret, then
 * hands them, unparsed, to the durable inbox before answering 200. An address of a connection that
 * does not exist answers 404.
 */
@Controller("/webhooks/genesys")
@Tag(name = "webhooks", description = "Webhooks from Meta, Genesys and Telegram")
public class GenesysWebhookController {

  /** The header Genesys signs its webhooks in. */
  public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

  /** The name of the webhooks this receives. */
  public static final String SOURCE = "genesys";

  /** What a connection's webhooks are checked with and stored under, made once. */
  private record Receiver(WebhookSignature signature, WebhookSource source) {}

  private final Map<String, Receiver> receivers = new HashMap<>();
  private final WebhookReception reception;

  public GenesysWebhookController(GenesysIntegrations integrations, AcceptWebhookUseCase accept) {
    for (GenesysIntegrations.Integration integration : integrations.all()) {
      receivers.put(
          integration.connection().value(),
          new Receiver(
              new WebhookSignature(
                  integration.settings().webhookSecret(), WebhookSignature.Encoding.BASE64),
              WebhookSource.of(SOURCE, integration.connection())));
    }
    this.reception = new WebhookReception(Objects.requireNonNull(accept, "accept"));
  }

  /** A webhook for the {@code default} connection. */
  @Operation(
      operationId = "genesysWebhook",
      summary = "A Genesys webhook for the default connection",
      description =
          "Checks X-Hub-Signature-256 (sha256= + base64 HMAC-SHA256 of the raw body with the"
              + " default connection's webhook secret) and stores the raw body durably.")
  @ApiResponse(
      responseCode = "200",
      description = "the raw body is durably stored",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
  @ApiResponse(responseCode = "401", description = "signature missing or wrong")
  @ApiResponse(responseCode = "404", description = "there is no default connection")
  @ApiResponse(responseCode = "413", description = "over the request size limit")
  @ApiResponse(responseCode = "429", description = "backlog over its bound; see Retry-After")
  @ApiResponse(responseCode = "503", description = "store unavailable; see Retry-After")
  @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  public CompletableFuture<HttpResponse<String>> receive(
      @Nullable @Body byte[] body, @Nullable @Header(SIGNATURE_HEADER) String signed) {
    return accept(ConnectionId.DEFAULT.value(), body, signed);
  }

  /**
   * A webhook for the named connection: stored when correctly signed; 401 without a valid
   * signature, 404 for a connection that does not exist, 503 when not stored. Runs on the event
   * loop: nothing here blocks, the answer goes out when the store has committed.
   */
  @Operation(
      operationId = "genesysConnectionWebhook",
      summary = "A Genesys webhook for a named connection",
      description = "As for the default connection, with that connection's webhook secret.")
  @ApiResponse(
      responseCode = "200",
      description = "the raw body is durably stored",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
  @ApiResponse(responseCode = "401", description = "signature missing or wrong")
  @ApiResponse(responseCode = "404", description = "no such connection")
  @ApiResponse(responseCode = "413", description = "over the request size limit")
  @ApiResponse(responseCode = "429", description = "backlog over its bound; see Retry-After")
  @ApiResponse(responseCode = "503", description = "store unavailable; see Retry-After")
  @Post(uri = "/{connection}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  public CompletableFuture<HttpResponse<String>> receive(
      @PathVariable String connection,
      @Nullable @Body byte[] body,
      @Nullable @Header(SIGNATURE_HEADER) String signed) {
    return accept(connection, body, signed);
  }

  private CompletableFuture<HttpResponse<String>> accept(
      String connection, @Nullable byte[] body, @Nullable String signed) {
    Receiver receiver = receivers.get(connection); // only valid names were put there
    if (receiver == null) {
      return WebhookReception.notFound("no such connection");
    }
    byte[] raw = body == null ? new byte[0] : body; // an empty request is checked like any other
    if (!receiver.signature().verifies(raw, signed)) {
      return WebhookReception.unauthorized("missing or invalid " + SIGNATURE_HEADER);
    }
    return reception.accept(receiver.source(), raw);
  }
}
