package dev.switchboard.adapters.telegram;

import dev.switchboard.adapters.support.WebhookReception;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.in.AcceptWebhookUseCase;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Telegram's updates for one connection's bot, as {@code setWebhook} was told to post them: {@code
 * POST /webhooks/telegram/{connection}} with the connection's secret token in {@value
 * #SECRET_HEADER}.
 *
 * <p>404 unless the connection exists and is a Telegram one; 401 unless the header equals its
 * secret token (compared in constant time, before anything else is done with the body); then the
 * raw bytes go to {@link AcceptWebhookUseCase} under the source {@code telegram/<connection>}: 200
 * once stored, 429 or 503 with {@code Retry-After} as {@link WebhookReception} answers. Runs on the
 * event loop and parses nothing.
 */
@Controller("/webhooks/telegram")
@Tag(name = "webhooks", description = "Webhooks from Meta, Genesys and Telegram")
public final class TelegramWebhookController {

  /** The header Telegram presents the webhook's {@code secret_token} in. */
  public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

  /** What a bot's updates are checked with and stored under, made once. */
  private record Receiver(byte[] secretToken, WebhookSource source) {}

  private final WebhookReception reception;
  private final Map<String, Receiver> receivers = new HashMap<>();

  public TelegramWebhookController(AcceptWebhookUseCase acceptWebhook, TelegramBots bots) {
    this.reception = new WebhookReception(Objects.requireNonNull(acceptWebhook, "acceptWebhook"));
    for (TelegramBots.Bot bot : bots.all()) {
      receivers.put(
          bot.connection().value(),
          new Receiver(
              bot.secretToken().getBytes(StandardCharsets.UTF_8),
              WebhookSource.of(TelegramWebhookDecoder.SOURCE, bot.connection())));
    }
  }

  /** An update: checked, stored durably, then answered 200. */
  @Operation(
      operationId = "telegramWebhook",
      summary = "A Telegram update for a bot connection",
      description =
          "Checks X-Telegram-Bot-Api-Secret-Token against the connection's secret token"
              + " (constant time) and stores the raw update durably.")
  @ApiResponse(
      responseCode = "200",
      description = "the raw body is durably stored",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
  @ApiResponse(responseCode = "401", description = "secret token missing or wrong")
  @ApiResponse(responseCode = "404", description = "no such connection, or not a Telegram one")
  @ApiResponse(responseCode = "413", description = "over the request size limit")
  @ApiResponse(responseCode = "429", description = "backlog over its bound; see Retry-After")
  @ApiResponse(responseCode = "503", description = "store unavailable; see Retry-After")
  @Post(uri = "/{connection}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  public CompletableFuture<HttpResponse<String>> receive(
      @PathVariable("connection") String connection,
      @Nullable @Header(SECRET_HEADER) String secretToken,
      @Nullable @Body byte[] body) {
    Receiver receiver = receivers.get(connection); // only valid names were put there
    if (receiver == null) {
      // the name is not echoed: it is whatever the caller put in the path
      return WebhookReception.notFound("no Telegram connection has that name");
    }
    if (secretToken == null
        || !MessageDigest.isEqual(
            receiver.secretToken(), secretToken.getBytes(StandardCharsets.UTF_8))) {
      return WebhookReception.unauthorized("missing or wrong " + SECRET_HEADER);
    }
    byte[] raw = body == null ? new byte[0] : body;
    return reception.accept(receiver.source(), raw);
  }
}
