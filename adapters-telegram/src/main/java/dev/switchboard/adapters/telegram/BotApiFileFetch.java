package dev.switchboard.adapters.telegram;

import dev.switchboard.adapters.support.ByteSizes;
import dev.switchboard.adapters.support.CappedDownload;
import dev.switchboard.adapters.support.RetryAfter;
import dev.switchboard.adapters.telegram.api.FileInfo;
import dev.switchboard.adapters.telegram.api.GetFileRequest;
import dev.switchboard.application.pipeline.FetchOutcome;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.MediaBytes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the bytes of a customer's file: {@code getFile} with its {@code file_id} gives the {@code
 * file_path} (and the size), then {@code GET {api-url}/file/bot{token}/{file_path}} gives the
 * bytes, read as a stream and never beyond the limit. A declared size over the limit, a body that
 * grows past it, or a file the Bot API will not hand a bot (over 20 MB) is {@link
 * FetchOutcome.Unavailable} with {@link FailureReason#INVALID_MEDIA_CONTENT_LENGTH}. The bytes keep
 * the media type and file name the message stated: the download's own content type is {@code
 * application/octet-stream}.
 */
final class BotApiFileFetch implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BotApiFileFetch.class);
  private static final String TOO_BIG = "file is too big";
  private static final long BOT_DOWNLOAD_LIMIT = 20L * 1024 * 1024;

  private final BotApi api;
  private final JsonMapper json;
  private final Clock clock;
  private final CappedDownload downloads;

  BotApiFileFetch(BotApi api, TelegramSettings settings, JsonMapper json, Clock clock) {
    this.api = Objects.requireNonNull(api, "api");
    this.json = Objects.requireNonNull(json, "json");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.downloads =
        new CappedDownload(
            URI.create(settings.apiUrl()), settings.connectTimeout(), settings.readTimeout());
  }

  /** The bytes of {@code media}, at most {@code maxBytes}, fetched by the bot of {@code token}. */
  FetchOutcome fetch(InboundContent.Media media, long maxBytes, String token) {
    BotApi.Result lookup = api.call(token, "getFile", new GetFileRequest(media.mediaId()));
    if (lookup instanceof BotApi.Passing passing) {
      return new FetchOutcome.RetryLater(passing.notBefore(), passing.reason());
    }
    if (lookup instanceof BotApi.Refused refused) {
      if (refused.description().toLowerCase(Locale.ROOT).contains(TOO_BIG)) {
        return unavailable(
            FailureReason.INVALID_MEDIA_CONTENT_LENGTH,
            "the "
                + kind(media)
                + " is larger than "
                + ByteSizes.readable(BOT_DOWNLOAD_LIMIT)
                + ", the most the Bot API lets a bot download");
      }
      return unavailable(
          FailureReason.GENERAL_ERROR,
          "Telegram did not give the " + kind(media) + ": " + refused.description());
    }
    FileInfo file = fileInfo((BotApi.Accepted) lookup);
    if (file == null || file.filePath() == null || file.filePath().isBlank()) {
      return unavailable(
          FailureReason.GENERAL_ERROR, "Telegram gave no file path for the " + kind(media));
    }
    if (file.fileSize() != null && file.fileSize() > maxBytes) {
      return tooLarge(media, maxBytes);
    }
    URI url = api.fileUri(token, file.filePath());
    if (url == null) {
      return unavailable(
          FailureReason.GENERAL_ERROR,
          "Telegram gave a file path for the " + kind(media) + " that cannot be downloaded");
    }
    // the URL carries the bot's token: no other credential is sent
    CappedDownload.Result result = downloads.get(url, null, maxBytes);
    if (result instanceof CappedDownload.Result.Downloaded downloaded) {
      if (downloaded.content().length == 0) {
        return unavailable(
            FailureReason.INVALID_MEDIA_CONTENT_LENGTH, "the " + kind(media) + " is empty");
      }
      return new FetchOutcome.Fetched(
          new MediaBytes(downloaded.content(), media.mimeType(), media.filename()));
    }
    if (result instanceof CappedDownload.Result.TooLarge) {
      return tooLarge(media, maxBytes);
    }
    if (result instanceof CappedDownload.Result.Passing passing) {
      return new FetchOutcome.RetryLater(
          RetryAfter.parse(passing.retryAfter(), clock.instant()), passing.reason());
    }
    String reason =
        result instanceof CappedDownload.Result.Expired expired
            ? "Telegram no longer serves the file (HTTP " + expired.status() + ")"
            : ((CappedDownload.Result.Refused) result).reason();
    LOG.warn("the download of a customer's file ({}) failed: {}", kind(media), reason);
    return unavailable(FailureReason.GENERAL_ERROR, reason);
  }

  private @Nullable FileInfo fileInfo(BotApi.Accepted accepted) {
    if (accepted.result() == null || !accepted.result().isObject()) {
      return null;
    }
    try {
      return json.readValueFromTree(accepted.result(), FileInfo.class);
    } catch (IOException | RuntimeException wrongShape) {
      return null;
    }
  }

  private static FetchOutcome tooLarge(InboundContent.Media media, long maxBytes) {
    return unavailable(
        FailureReason.INVALID_MEDIA_CONTENT_LENGTH,
        "the " + kind(media) + " is larger than " + ByteSizes.readable(maxBytes));
  }

  private static FetchOutcome unavailable(FailureReason reason, String message) {
    return new FetchOutcome.Unavailable(new DeliveryFailure(reason, message));
  }

  private static String kind(InboundContent.Media media) {
    return media.kind().name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    downloads.close();
  }
}
