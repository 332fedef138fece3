package dev.switchboard.bootstrap;

import dev.switchboard.application.pipeline.DeadLetter;
import dev.switchboard.application.port.in.ListDeadLettersCommand;
import dev.switchboard.application.port.in.ListDeadLettersUseCase;
import dev.switchboard.application.port.in.ReplayDeadLetterCommand;
import dev.switchboard.application.port.in.ReplayDeadLetterUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The operators' API for dead letters, behind a bearer token ({@code switchboard.admin.token}).
 * Without a configured token the API does not exist (404).
 */
@Controller("/admin/dead-letters")
@Tag(
    name = "admin",
    description = "Operators' API; needs Authorization: Bearer <switchboard.admin.token>")
@Requires(property = "switchboard.admin.token")
@ExecuteOn(TaskExecutors.BLOCKING)
class AdminController {

  private final byte[] token;
  private final ListDeadLettersUseCase list;
  private final ReplayDeadLetterUseCase replay;

  AdminController(
      @Value("${switchboard.admin.token}") String token,
      ListDeadLettersUseCase list,
      ReplayDeadLetterUseCase replay) {
    this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.list = list;
    this.replay = replay;
  }

  /** A page of dead letters, oldest first; {@code after} is the last id of the previous page. */
  @Operation(
      operationId = "listDeadLetters",
      summary = "The dead letters, oldest first",
      description =
          "id, kind, connection, reason, time and size of each, never the content; after is the"
              + " last id of the previous page, limit 1 to 500 (default 100).")
  @ApiResponse(responseCode = "200", description = "a page of dead letters")
  @ApiResponse(responseCode = "400", description = "limit out of range")
  @ApiResponse(responseCode = "401", description = "bearer token missing or wrong")
  @ApiResponse(responseCode = "404", description = "no admin token configured: no admin API")
  @Get
  HttpResponse<?> list(
      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
      @Nullable @QueryValue String after,
      @Nullable @QueryValue Integer limit) {
    if (!authorized(authorization)) {
      return unauthorized();
    }
    int size = limit == null ? 100 : limit;
    if (size < 1 || size > 500) {
      return HttpResponse.badRequest(Map.of("error", "limit must be between 1 and 500"));
    }
    List<DeadLetterView> page =
        list.list(new ListDeadLettersCommand(size, after)).stream()
            .map(DeadLetterView::of)
            .toList();
    return HttpResponse.ok(page);
  }

  /** Puts one dead letter back on its way. */
  @Operation(operationId = "replayDeadLetter", summary = "Puts one dead letter back on its way")
  @ApiResponse(responseCode = "200", description = "replayed")
  @ApiResponse(responseCode = "401", description = "bearer token missing or wrong")
  @ApiResponse(
      responseCode = "404",
      description = "no such dead letter, or no admin token configured")
  @Post("/{id}/replay")
  HttpResponse<?> replay(
      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization, @PathVariable String id) {
    if (!authorized(authorization)) {
      return unauthorized();
    }
    return switch (replay.replay(new ReplayDeadLetterCommand(id))) {
      case REPLAYED -> HttpResponse.ok(Map.of("id", id, "status", "replayed"));
      case NOT_FOUND -> HttpResponse.notFound(Map.of("error", "no dead letter " + id));
    };
  }

  private boolean authorized(@Nullable String authorization) {
    return authorization != null
        && MessageDigest.isEqual(token, authorization.getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<?> unauthorized() {
    return HttpResponse.status(HttpStatus.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .body(Map.of("error", "a valid bearer token is required"));
  }

  /**
   * A dead letter as the API shows it: what and why, never its content (it may hold customers'
   * messages).
   */
  @Serdeable
  @Introspected
  record DeadLetterView(
      String id,
      String kind,
      @Nullable String connection,
      String reason,
      Instant at,
      @Nullable String source,
      @Nullable Integer bytes,
      @Nullable String lane,
      @Nullable String item) {

    static DeadLetterView of(DeadLetter letter) {
      String connection = letter.connection() == null ? null : letter.connection().value();
      if (letter.webhook() != null) {
        return new DeadLetterView(
            letter.id(),
            "webhook",
            connection,
            letter.reason(),
            letter.at(),
            letter.webhook().source().value(),
            letter.webhook().body().length,
            null,
            null);
      }
      return new DeadLetterView(
          letter.id(),
          "outbox",
          connection,
          letter.reason(),
          letter.at(),
          null,
          null,
          letter.entry().lane(),
          letter.entry().item().getClass().getSimpleName());
    }
  }
}
