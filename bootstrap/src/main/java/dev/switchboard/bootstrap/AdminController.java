package dev.switchboard.bootstrap;

import dev.switchboard.application.pipeline.DeadLetter;
import dev.switchboard.application.pipeline.DeadLetterFilter;
import dev.switchboard.application.pipeline.MessageTrace;
import dev.switchboard.application.port.in.DeleteDeadLetterCommand;
import dev.switchboard.application.port.in.DeleteDeadLettersCommand;
import dev.switchboard.application.port.in.DeleteDeadLettersUseCase;
import dev.switchboard.application.port.in.EraseCustomerCommand;
import dev.switchboard.application.port.in.EraseCustomerUseCase;
import dev.switchboard.application.port.in.ListDeadLettersCommand;
import dev.switchboard.application.port.in.ListDeadLettersUseCase;
import dev.switchboard.application.port.in.ReplayDeadLetterCommand;
import dev.switchboard.application.port.in.ReplayDeadLetterUseCase;
import dev.switchboard.application.port.in.ReplayDeadLettersCommand;
import dev.switchboard.application.port.in.ReplayDeadLettersUseCase;
import dev.switchboard.application.port.in.TraceMessageUseCase;
import dev.switchboard.domain.channel.ConnectionId;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The operators' API for dead letters, messages' traces and customers' data, behind a bearer token
 * ({@code switchboard.admin.token}). Without a configured token the API does not exist (404).
 */
@Controller("/admin")
@Tag(
    name = "admin",
    description = "Operators' API; needs Authorization: Bearer <switchboard.admin.token>")
@Requires(property = "switchboard.admin.token")
@ExecuteOn(TaskExecutors.BLOCKING)
class AdminController {

  private final byte[] token;
  private final ListDeadLettersUseCase list;
  private final ReplayDeadLetterUseCase replay;
  private final ReplayDeadLettersUseCase replayMatching;
  private final DeleteDeadLettersUseCase delete;
  private final EraseCustomerUseCase erase;
  private final TraceMessageUseCase traces;

  AdminController(
      @Value("${switchboard.admin.token}") String token,
      ListDeadLettersUseCase list,
      ReplayDeadLetterUseCase replay,
      ReplayDeadLettersUseCase replayMatching,
      DeleteDeadLettersUseCase delete,
      EraseCustomerUseCase erase,
      TraceMessageUseCase traces) {
    this.erase = erase;
    this.traces = traces;
    this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.list = list;
    this.replay = replay;
    this.replayMatching = replayMatching;
    this.delete = delete;
  }

  /**
   * A page of the dead letters the filters choose, oldest first; {@code after} is the last id of
   * the previous page.
   */
  @Operation(
      operationId = "listDeadLetters",
      summary = "The dead letters the filters choose, oldest first",
      description =
          "id, kind, connection, reason, time and size of each, never the content; after is the"
              + " last id of the previous page, limit 1 to 500 (default 100); filters kind,"
              + " connection, reason (a piece of it), from and to (ISO-8601).")
  @ApiResponse(responseCode = "200", description = "a page of dead letters")
  @ApiResponse(responseCode = "400", description = "a limit or filter that cannot be used")
  @ApiResponse(responseCode = "401", description = "bearer token missing or wrong")
  @ApiResponse(responseCode = "404", description = "no admin token configured: no admin API")
  @Get("/dead-letters")
  HttpResponse<?> list(
      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
      @Nullable @QueryValue String after,
      @Nullable @QueryValue Integer limit,
      @Nullable @QueryValue String kind,
      @Nullable @QueryValue String connection,
      @Nullable @QueryValue String reason,
      @Nullable @QueryValue String from,
      @Nullable @QueryValue String to) {
    return filtered(
        authorization, kind, connection, reason, from, to, filter -> page(limit, after, filter));
  }

  private HttpResponse<?> page(
      @Nullable Integer limit, @Nullable String after, DeadLetterFilter filter) {
    int size = limit == null ? 100 : limit;
    if (size < 1 || size > 500) {
      return HttpResponse.badRequest(Map.of("error", "limit must be between 1 and 500"));
    }
    List<DeadLetterView> page =
        list.list(new ListDeadLettersCommand(size, after, filter)).stream()
            .map(DeadLetterView::of)
            .toList();
    return HttpResponse.ok(page);
  }

  /** Puts every dead letter the filters choose back on its way; how many. */
  @Operation(
      operationId = "replayDeadLetters",
      summary = "Puts every dead letter the filters choose back on its way",
      description = "100 per transaction; answers {\"replayed\": N}. No filter: all of them.")
  @ApiResponse(responseCode = "200", description = "how many were replayed")
  @ApiResponse(responseCode = "400", description = "a filter that cannot be used")
  @ApiResponse(responseCode = "401", description = "bearer token missing or wrong")
  @Post("/dead-letters/replay")
  HttpResponse<?> replayMatching(
      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
      @Nullable @QueryValue String kind,
      @Nullable @QueryValue String connection,
      @Nullable @QueryValue String reason,
      @Nullable @QueryValue String from,
      @Nullable @QueryValue String to) {
    return filtered(
        authorization,
        kind,
        connection,
        reason,
        from,
        to,
        filter ->
            HttpResponse.ok(
                Map.of("replayed", replayMatching.replay(new ReplayDeadLettersCommand(filter)))));
  }

  /** Deletes one dead letter: 204, or 404 when there is none with that id. */
  @Operation(operationId = "deleteDeadLetter", summary = "Deletes one dead letter")
  @ApiResponse(responseCode = "204", description = "deleted")
  @ApiResponse(responseCode = "401", description = "bearer token missing or wrong")
  @ApiResponse(
      responseCode = "404",
      description = "no such dead letter, or no admin token configured")
  @Delete("/dead-letters/{id}")
  HttpResponse<?> deleteOne(
      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization, @PathVariable String id) {
    if (!authorized(authorization)) {
      return unauthorized();
    }
    if (!delete.delete(new DeleteDeadLetterCommand(id))) {
      return HttpResponse.notFound(Map.of("error", "no dead letter " + id));
    }
    return HttpResponse.noContent();
  }

  /**
   * Deletes every dead letter the filters choose; how many. At least one filter is needed, so that
   * a bare {@code DELETE} never throws all of them away.
   */
  @Operation(
      operationId = "deleteDeadLetters",
      summary = "Deletes every dead letter the filters choose",
      description = "500 per transaction; answers {\"deleted\": N}. At least one filter.")
  @ApiResponse(responseCode = "200", description = "how many were deleted")
  @ApiResponse(responseCode = "400", description = "no filter, or one that cannot be used")
  @ApiResponse(responseCode = "401", description = "bearer token missing or wrong")
  @Delete("/dead-letters")
  HttpResponse<?> deleteMatching(
      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
      @Nullable @QueryValue String kind,
      @Nullable @QueryValue String connection,
      @Nullable @QueryValue String reason,
      @Nullable @QueryValue String from,
      @Nullable @QueryValue String to) {
    return filtered(authorization, kind, connection, reason, from, to, this::deleteMatching);
  }

  private HttpResponse<?> deleteMatching(DeadLetterFilter filter) {
    if (filter.equals(DeadLetterFilter.ALL)) {
      return HttpResponse.badRequest(
          Map.of("error", "give at least one of kind, connection, reason, from, to"));
    }
    int deleted = delete.delete(new DeleteDeadLettersCommand(filter));
    return HttpResponse.ok(Map.of("deleted", deleted));
  }

  /**
   * Erases what the bridge stores about one customer of a connection: 204, or 404 when nothing is
   * stored about them.
   */
  @Operation(
      operationId = "eraseCustomer",
      summary = "Erases what the bridge stores about one customer of a connection",
      description =
          "The customer and every id linked with them: conversation, held messages, name, links,"
              + " deliveries, outbox entries and re-hosted media. Write + as %2B.")
  @ApiResponse(responseCode = "204", description = "erased")
  @ApiResponse(responseCode = "401", description = "bearer token missing or wrong")
  @ApiResponse(
      responseCode = "404",
      description = "nothing stored about that customer, or no admin token configured")
  @Delete("/customers/{connection}/{id}")
  HttpResponse<?> eraseCustomer(
      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
      @PathVariable String connection,
      @PathVariable String id) {
    if (!authorized(authorization)) {
      return unauthorized();
    }
    if (!ConnectionId.isValid(connection)) {
      return HttpResponse.badRequest(
          Map.of("error", "connection must be 1 to 32 lower case letters and digits"));
    }
    EraseCustomerCommand command;
    try {
      command = new EraseCustomerCommand(new ConnectionId(connection), id);
    } catch (IllegalArgumentException bad) {
      return HttpResponse.badRequest(Map.of("error", bad.getMessage()));
    }
    if (!erase.erase(command)) {
      return HttpResponse.notFound(Map.of("error", "nothing is stored about that customer"));
    }
    return HttpResponse.noContent();
  }

  /**
   * The filter the query names.
   *
   * @throws IllegalArgumentException with a message for the operator when a value is not usable
   */
  /**
   * What an action on the dead letters the filters choose answers: 401 without the token, 400 for a
   * filter that cannot be used, else what {@code action} answers.
   */
  private HttpResponse<?> filtered(
      @Nullable String authorization,
      @Nullable String kind,
      @Nullable String connection,
      @Nullable String reason,
      @Nullable String from,
      @Nullable String to,
      Function<DeadLetterFilter, HttpResponse<?>> action) {
    if (!authorized(authorization)) {
      return unauthorized();
    }
    DeadLetterFilter filter;
    try {
      filter = filter(kind, connection, reason, from, to);
    } catch (IllegalArgumentException bad) {
      return HttpResponse.badRequest(Map.of("error", bad.getMessage()));
    }
    return action.apply(filter);
  }

  static DeadLetterFilter filter(
      @Nullable String kind,
      @Nullable String connection,
      @Nullable String reason,
      @Nullable String from,
      @Nullable String to) {
    if (connection != null && !ConnectionId.isValid(connection)) {
      throw new IllegalArgumentException(
          "connection must be 1 to 32 lower case letters and digits");
    }
    return new DeadLetterFilter(
        kind == null ? null : DeadLetterFilter.Kind.parse(kind),
        connection == null ? null : new ConnectionId(connection),
        reason,
        time("from", from),
        time("to", to));
  }

  private static Instant time(String name, @Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be an ISO-8601 time such as 2026-03-01T10:00:00Z");
    }
  }

  /** Puts one dead letter back on its way. */
  @Operation(operationId = "replayDeadLetter", summary = "Puts one dead letter back on its way")
  @ApiResponse(responseCode = "200", description = "replayed")
  @ApiResponse(responseCode = "401", description = "bearer token missing or wrong")
  @ApiResponse(
      responseCode = "404",
      description = "no such dead letter, or no admin token configured")
  @Post("/dead-letters/{id}/replay")
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

  /**
   * The way one message went through the bridge, by its wamid, Telegram key or Genesys id. The id
   * may hold a {@code /} (a wamid is base64): it is all the rest of the path.
   */
  @Operation(
      operationId = "traceMessage",
      summary = "The trace of one message",
      description =
          "By wamid, Telegram message key (tg:chat:message) or Genesys message id: its connection,"
              + " direction and events in order (accepted, processed, queued, attempt with its"
              + " HTTP status or error, sent, receipt, status, failed, dead_letter, refused)."
              + " Never the message's content or the customer's number.")
  @ApiResponse(responseCode = "200", description = "the trace")
  @ApiResponse(responseCode = "401", description = "bearer token missing or wrong")
  @ApiResponse(
      responseCode = "404",
      description = "no trace of that message, or no admin token configured")
  @Get("/messages/{+id}")
  HttpResponse<?> trace(
      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization, HttpRequest<?> request) {
    if (!authorized(authorization)) {
      return unauthorized();
    }
    String id;
    try {
      id = messageId(request.getUri().getRawPath());
    } catch (IllegalArgumentException bad) {
      return HttpResponse.badRequest(Map.of("error", "the id is not a well-formed path segment"));
    }
    return traces
        .trace(id)
        .<HttpResponse<?>>map(trace -> HttpResponse.ok(TraceView.of(trace)))
        .orElseGet(() -> HttpResponse.notFound(Map.of("error", "no trace of that message")));
  }

  /**
   * The id a trace request names: the rest of the raw path, percent-decoded, a {@code +} kept as
   * itself (wamids are base64; the router's path variable would read {@code +} as a space).
   */
  static String messageId(String rawPath) {
    String raw = rawPath.substring(rawPath.indexOf(MESSAGES) + MESSAGES.length());
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static final String MESSAGES = "/admin/messages/";

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

  /** A message's trace as the API shows it. */
  @Serdeable
  @Introspected
  record TraceView(String id, String connection, String direction, List<TraceEvent> events) {

    static TraceView of(MessageTrace trace) {
      return new TraceView(
          trace.id(),
          trace.connection().value(),
          trace.direction().name().toLowerCase(Locale.ROOT),
          trace.events().stream().map(e -> new TraceEvent(e.at(), e.stage(), e.detail())).toList());
    }
  }

  /** One event of a trace. */
  @Serdeable
  @Introspected
  record TraceEvent(Instant at, String stage, @Nullable String detail) {}
}
