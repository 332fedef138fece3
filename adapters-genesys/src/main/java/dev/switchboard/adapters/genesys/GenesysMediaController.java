package dev.switchboard.adapters.genesys;

import dev.switchboard.application.port.in.ServeMediaCommand;
import dev.switchboard.application.port.in.ServeMediaUseCase;
import dev.switchboard.domain.message.MediaBytes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the re-hosted bytes of customers' attachments to Genesys: {@code GET
 * /media/{id}?expires=..&signature=..} answers the bytes for a valid, unexpired link, 403 for any
 * other request, and 404 once the bytes are no longer kept.
 */
@Controller("/media")
@Tag(name = "media", description = "Inbound attachments re-hosted for Genesys")
public class GenesysMediaController {

  /** The longest media id or query value looked at; longer ones are refused unread. */
  static final int MAX_INPUT = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(GenesysMediaController.class);
  private static final String ATTR_CHARS = "!#$&+-.^_`|~";

  private final ServeMediaUseCase serve;

  public GenesysMediaController(ServeMediaUseCase serve) {
    this.serve = Objects.requireNonNull(serve, "serve");
  }

  /** The bytes with their media type; 403 without a valid link, 404 when gone. */
  @Operation(
      operationId = "media",
      summary = "The re-hosted bytes of an inbound attachment",
      description =
          "Serves the bytes only with a valid, unexpired signature in the query (expires,"
              + " signature), as the bridge put in the links it sent to Genesys.")
  @ApiResponse(responseCode = "200", description = "the bytes, with their media type")
  @ApiResponse(responseCode = "403", description = "signature missing, wrong or expired")
  @ApiResponse(responseCode = "404", description = "the media is gone")
  @ApiResponse(responseCode = "503", description = "store unavailable; see Retry-After")
  @Get(uri = "/{id}", produces = MediaType.ALL)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<?> media(
      @PathVariable String id,
      @Nullable @QueryValue String expires,
      @Nullable @QueryValue String signature) {
    if (tooLong(id) || tooLong(expires) || tooLong(signature)) {
      return forbidden();
    }
    ServeMediaUseCase.Result result;
    try {
      result = serve.serve(new ServeMediaCommand(id, expires, signature));
    } catch (RuntimeException e) {
      LOG.warn("media could not be served: {}", e.getClass().getName());
      return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, "5")
          .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
    if (result instanceof ServeMediaUseCase.Served served) {
      return served(served.media());
    }
    if (result instanceof ServeMediaUseCase.Gone) {
      return HttpResponse.notFound().header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
    return forbidden();
  }

  private static MutableHttpResponse<byte[]> served(MediaBytes media) {
    return HttpResponse.ok(media.content())
        .contentType(mediaType(media.mimeType()))
        .header(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(media.filename()))
        .header(HttpHeaders.CACHE_CONTROL, "private")
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "default-src 'none'; sandbox");
  }

  private static MutableHttpResponse<?> forbidden() {
    return HttpResponse.status(HttpStatus.FORBIDDEN).header(HttpHeaders.CACHE_CONTROL, "no-store");
  }

  private static boolean tooLong(String value) {
    return value != null && value.length() > MAX_INPUT;
  }

  /** The stored media type, or {@code application/octet-stream} when it is not one. */
  static MediaType mediaType(String mimeType) {
    try {
      MediaType type = MediaType.of(mimeType.strip());
      return type.getType().isEmpty() || type.getSubtype().isEmpty()
          ? MediaType.APPLICATION_OCTET_STREAM_TYPE
          : type;
    } catch (RuntimeException notAMediaType) {
      return MediaType.APPLICATION_OCTET_STREAM_TYPE;
    }
  }

  /**
   * {@code inline}, with the file name when known: an ASCII {@code filename} for old clients and
   * the exact name as RFC 5987 {@code filename*}.
   */
  static String contentDisposition(String filename) {
    if (filename == null || filename.isBlank()) {
      return "inline";
    }
    StringBuilder ascii = new StringBuilder();
    filename
        .codePoints()
        .forEach(
            c ->
                ascii.append(
                    c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
    StringBuilder encoded = new StringBuilder();
    for (byte b : filename.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || ATTR_CHARS.indexOf(c) >= 0) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(String.format("%02X", c));
      }
    }
    return "inline; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
