package dev.switchboard.adapters.whatsapp;

import dev.switchboard.adapters.support.ByteSizes;
import dev.switchboard.adapters.support.CappedDownload;
import dev.switchboard.adapters.support.RetryAfter;
import dev.switchboard.adapters.whatsapp.api.GraphError;
import dev.switchboard.adapters.whatsapp.api.MediaInfo;
import dev.switchboard.application.pipeline.FetchOutcome;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.MediaBytes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the bytes of a customer's attachment: resolves the media id ({@code GET /{media-id}}),
 * then downloads the URL it gives with the same token; when the URL no longer serves the bytes (it
 * expires after a few minutes), resolves the id once more and tries that URL. A declared size over
 * the limit, or a body that grows past it, is {@link FetchOutcome.Unavailable}; so is an unknown
 * media id. The URL media is downloaded from is never logged nor put in an outcome.
 */
final class GraphMediaFetch implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GraphMediaFetch.class);
  private static final String GONE = "the media is no longer available";

  private final GraphApi graph;
  private final JsonMapper json;
  private final Clock clock;
  private final CappedDownload downloads;

  GraphMediaFetch(GraphApi graph, WhatsAppSettings settings, JsonMapper json, Clock clock) {
    this.graph = Objects.requireNonNull(graph, "graph");
    this.json = Objects.requireNonNull(json, "json");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.downloads =
        new CappedDownload(
            URI.create(settings.graphUrl()), settings.connectTimeout(), settings.readTimeout());
  }

  /** The bytes of {@code media}, at most {@code maxBytes}, fetched with {@code token}. */
  FetchOutcome fetch(InboundContent.Media media, long maxBytes, String token) {
    for (int attempt = 1; ; attempt++) {
      Resolved resolved = resolve(media, token);
      if (resolved.failure() != null) {
        return resolved.failure();
      }
      MediaInfo info = resolved.info();
      if (info.size() > maxBytes) {
        return tooLarge(media, maxBytes);
      }
      URI url = downloadUri(info.url());
      if (url == null) {
        return new FetchOutcome.Unavailable(
            new DeliveryFailure(
                FailureReason.GENERAL_ERROR, "the Graph API gave no usable URL for the media"));
      }
      CappedDownload.Result result = downloads.get(url, token, maxBytes);
      if (result instanceof CappedDownload.Result.Expired expired) {
        if (attempt == 1) {
          LOG.info(
              "the URL of media {} answered HTTP {}; resolving the media again",
              media.mediaId(),
              expired.status());
          continue;
        }
        return new FetchOutcome.Unavailable(new DeliveryFailure(FailureReason.GENERAL_ERROR, GONE));
      }
      return fetched(result, info, media, maxBytes);
    }
  }

  private FetchOutcome fetched(
      CappedDownload.Result result, MediaInfo info, InboundContent.Media media, long maxBytes) {
    if (result instanceof CappedDownload.Result.Downloaded downloaded) {
      if (downloaded.content().length == 0) {
        return new FetchOutcome.Unavailable(
            new DeliveryFailure(
                FailureReason.INVALID_MEDIA_CONTENT_LENGTH, "the " + kind(media) + " is empty"));
      }
      String mimeType =
          firstNonBlank(info.mimeType(), firstNonBlank(downloaded.contentType(), media.mimeType()));
      return new FetchOutcome.Fetched(new MediaBytes(downloaded.content(), mimeType, null));
    }
    if (result instanceof CappedDownload.Result.TooLarge) {
      return tooLarge(media, maxBytes);
    }
    if (result instanceof CappedDownload.Result.Passing passing) {
      return new FetchOutcome.RetryLater(
          RetryAfter.parse(passing.retryAfter(), clock.instant()), passing.reason());
    }
    String reason = ((CappedDownload.Result.Refused) result).reason();
    LOG.warn("the download of media {} failed: {}", media.mediaId(), reason);
    return new FetchOutcome.Unavailable(new DeliveryFailure(FailureReason.GENERAL_ERROR, reason));
  }

  /** The media's metadata, or why it cannot be had. */
  private record Resolved(@Nullable MediaInfo info, @Nullable FetchOutcome failure) {}

  private Resolved resolve(InboundContent.Media media, String token) {
    HttpRequest<?> request =
        HttpRequest.GET(graph.uri(media.mediaId()))
            .bearerAuth(token)
            .accept(MediaType.APPLICATION_JSON_TYPE);
    GraphApi.Reply reply = graph.exchange(request);
    if (reply instanceof GraphApi.Unreached unreached) {
      return new Resolved(null, new FetchOutcome.RetryLater(null, unreached.reason()));
    }
    GraphApi.Answered answer = (GraphApi.Answered) reply;
    if (answer.isSuccess()) {
      MediaInfo info = null;
      try {
        info = json.readValue(answer.body(), MediaInfo.class);
      } catch (IOException | RuntimeException unreadable) {
        // handled below
      }
      if (info == null || isBlank(info.url())) {
        return new Resolved(
            null,
            new FetchOutcome.Unavailable(
                new DeliveryFailure(
                    FailureReason.GENERAL_ERROR, "the Graph API gave no URL for the media")));
      }
      return new Resolved(info, null);
    }
    GraphError error = graph.graphError(answer.body());
    Integer code = error == null ? null : error.code();
    if (GraphApi.isPassing(answer.status(), code)) {
      return new Resolved(
          null,
          new FetchOutcome.RetryLater(
              graph.retryAfter(answer), GraphApi.reason(answer.status(), code)));
    }
    LOG.warn(
        "the Graph API refused to resolve media {}: HTTP {}, code {}, fbtrace_id {}",
        media.mediaId(),
        answer.status(),
        code,
        error == null ? null : error.fbtraceId());
    boolean unknown =
        answer.status() == 400
            || answer.status() == 404
            || answer.status() == 410
            || Objects.equals(code, 100);
    DeliveryFailure failure =
        unknown || error == null
            ? new DeliveryFailure(FailureReason.GENERAL_ERROR, GONE)
            : WhatsAppErrorCodes.failureOf(error);
    return new Resolved(null, new FetchOutcome.Unavailable(failure));
  }

  private static FetchOutcome tooLarge(InboundContent.Media media, long maxBytes) {
    return new FetchOutcome.Unavailable(
        new DeliveryFailure(
            FailureReason.INVALID_MEDIA_CONTENT_LENGTH,
            "the " + kind(media) + " is larger than " + ByteSizes.readable(maxBytes)));
  }

  /** The download URL, if it is an absolute http(s) URL. */
  private static @Nullable URI downloadUri(String url) {
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
          ? uri
          : null;
    } catch (java.net.URISyntaxException notAUrl) {
      return null;
    }
  }

  private static String kind(InboundContent.Media media) {
    return media.kind().name().toLowerCase(Locale.ROOT);
  }

  private static String firstNonBlank(@Nullable String first, String second) {
    return isBlank(first) ? second : first;
  }

  private static boolean isBlank(@Nullable String value) {
    return value == null || value.isBlank();
  }

  @Override
  public void close() {
    downloads.close();
  }
}
