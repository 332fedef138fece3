package dev.switchboard.adapters.whatsapp;

import dev.switchboard.adapters.whatsapp.api.GraphError;
import dev.switchboard.adapters.whatsapp.api.GraphErrorEnvelope;
import dev.switchboard.adapters.whatsapp.api.MediaInfo;
import dev.switchboard.adapters.whatsapp.api.MediaUploadResponse;
import dev.switchboard.adapters.whatsapp.api.SendMessageResponse;
import dev.switchboard.adapters.whatsapp.api.TypingIndicatorRequest;
import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.FetchOutcome;
import dev.switchboard.application.pipeline.RetryAfter;
import dev.switchboard.application.port.out.MessagingChannel;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.MediaBytes;
import dev.switchboard.domain.message.OutboundMessage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WhatsApp Business Cloud API as the bridge's messaging channel, with the bearer access token:
 * sends ({@code POST {graph-url}/{api-version}/{phone-number-id}/messages}), media uploads ({@code
 * POST .../{phone-number-id}/media}), media downloads ({@code GET .../{media-id}}, then the URL it
 * gives) and typing indicators.
 *
 * <p>Never throws for the Graph API's failures. An error whose code is retryable ({@link
 * WhatsAppErrorCodes#isRetryable}) is a retry whatever the HTTP status; so are 408, 429 and 5xx
 * answers unless they carry a code known to be permanent, timeouts and I/O errors. {@code
 * Retry-After} (delta-seconds or an HTTP date) becomes {@code notBefore}. Any other refusal is
 * permanent, with the reason from {@link WhatsAppErrorCodes}. The access token is never logged nor
 * put in any outcome, nor is the URL media is downloaded from.
 */
@Singleton
public final class WhatsAppCloudMessagingChannel implements MessagingChannel, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WhatsAppCloudMessagingChannel.class);
  private static final Argument<byte[]> BYTES = Argument.of(byte[].class);
  private static final String GONE = "the media is no longer available";
  private static final String DEFAULT_FILENAME = "attachment";

  private final WhatsAppSettings settings;
  private final JsonMapper json;
  private final Clock clock;
  private final HttpClient client;
  private final BlockingHttpClient blocking;
  private final MediaDownload downloads;

  @Inject
  public WhatsAppCloudMessagingChannel(WhatsAppSettings settings, JsonMapper json) {
    this(settings, json, Clock.systemUTC());
  }

  /** With the clock that HTTP-date {@code Retry-After} headers are measured against. */
  public WhatsAppCloudMessagingChannel(WhatsAppSettings settings, JsonMapper json, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.json = Objects.requireNonNull(json, "json");
    this.clock = Objects.requireNonNull(clock, "clock");
    URL base = baseUrl(settings.graphUrl());
    DefaultHttpClientConfiguration config = new DefaultHttpClientConfiguration();
    config.setConnectTimeout(settings.connectTimeout());
    config.setReadTimeout(settings.readTimeout());
    config.setFollowRedirects(false);
    this.client = HttpClient.create(base, config);
    this.blocking = client.toBlocking();
    this.downloads =
        new MediaDownload(
            URI.create(settings.graphUrl()), settings.connectTimeout(), settings.readTimeout());
  }

  // ---------------------------------------------------------------- send

  @Override
  public DispatchOutcome send(OutboundMessage message, @Nullable String businessNumberId) {
    String from = sender(businessNumberId);
    if (from == null) {
      return notConfigured();
    }
    byte[] body;
    try {
      body = json.writeValueAsBytes(SendRequests.of(message));
    } catch (UnsendableMessage unsendable) {
      return new DispatchOutcome.Refused(unsendable.failure());
    } catch (IOException | RuntimeException e) {
      return new DispatchOutcome.Refused(
          new DeliveryFailure(
              FailureReason.UNSUPPORTED_MESSAGE,
              "the message cannot be sent on WhatsApp (" + e.getClass().getSimpleName() + ")"));
    }
    return dispatch(jsonPost(messagesUri(from), body), "send", this::sent);
  }

  private DispatchOutcome sent(byte[] body) {
    String wamid = null;
    try {
      SendMessageResponse answer = json.readValue(body, SendMessageResponse.class);
      List<SendMessageResponse.MessageRef> messages = answer == null ? null : answer.messages();
      wamid = messages == null || messages.isEmpty() ? null : messages.get(0).id();
    } catch (IOException | RuntimeException unreadable) {
      // accepted all the same: sending again would send twice
    }
    if (isBlank(wamid)) {
      LOG.warn(
          "the Graph API accepted a send but gave no message id; its statuses cannot be matched");
      return DispatchOutcome.Done.withoutIds();
    }
    return new DispatchOutcome.Done(List.of(wamid));
  }

  // ---------------------------------------------------------------- upload

  @Override
  public DispatchOutcome upload(MediaBytes media, @Nullable String businessNumberId) {
    String from = sender(businessNumberId);
    if (from == null) {
      return notConfigured();
    }
    MediaType type = mediaType(media.mimeType());
    MultipartBody body =
        MultipartBody.builder()
            .addPart("messaging_product", "whatsapp")
            .addPart("type", type.toString())
            .addPart(
                "file",
                media.filename() == null ? DEFAULT_FILENAME : media.filename(),
                type,
                media.content())
            .build();
    MutableHttpRequest<MultipartBody> request =
        HttpRequest.POST(uri(from, "media"), body)
            .bearerAuth(settings.accessToken())
            .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)
            .accept(MediaType.APPLICATION_JSON_TYPE);
    return dispatch(request, "media upload", this::uploaded);
  }

  private DispatchOutcome uploaded(byte[] body) {
    String id = null;
    try {
      MediaUploadResponse answer = json.readValue(body, MediaUploadResponse.class);
      id = answer == null ? null : answer.id();
    } catch (IOException | RuntimeException unreadable) {
      // no id to send the media by: the caller uploads again
    }
    return isBlank(id) ? DispatchOutcome.Done.withoutIds() : new DispatchOutcome.Done(List.of(id));
  }

  // ---------------------------------------------------------------- typing

  @Override
  public DispatchOutcome showTyping(String customerMessageId, @Nullable String businessNumberId) {
    String from = sender(businessNumberId);
    if (from == null) {
      return notConfigured();
    }
    if (isBlank(customerMessageId)) {
      return new DispatchOutcome.Refused(
          new DeliveryFailure(
              FailureReason.GENERAL_ERROR, "there is no customer message to show typing for"));
    }
    byte[] body;
    try {
      body = json.writeValueAsBytes(TypingIndicatorRequest.forMessage(customerMessageId));
    } catch (IOException e) {
      return new DispatchOutcome.Refused(
          new DeliveryFailure(FailureReason.GENERAL_ERROR, "the typing indicator cannot be sent"));
    }
    return dispatch(
        jsonPost(messagesUri(from), body),
        "typing indicator",
        accepted -> DispatchOutcome.Done.withoutIds());
  }

  // ---------------------------------------------------------------- fetch

  /**
   * Resolves the media id ({@code GET /{media-id}}), then downloads the URL it gives with the same
   * token; when the URL no longer serves the bytes (it expires after a few minutes), resolves the
   * id once more and tries that URL. A declared size over {@code maxBytes}, or a body that grows
   * past it, is {@link FetchOutcome.Unavailable}; so is an unknown media id.
   */
  @Override
  public FetchOutcome fetchMedia(InboundContent.Media media, long maxBytes) {
    if (isBlank(settings.accessToken())) {
      return new FetchOutcome.Unavailable(
          new DeliveryFailure(
              FailureReason.GENERAL_ERROR, "the bridge has no WhatsApp access token configured"));
    }
    for (int attempt = 1; ; attempt++) {
      Resolved resolved = resolve(media);
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
      MediaDownload.Result result = downloads.get(url, settings.accessToken(), maxBytes);
      if (result instanceof MediaDownload.Result.Expired expired) {
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
      MediaDownload.Result result, MediaInfo info, InboundContent.Media media, long maxBytes) {
    if (result instanceof MediaDownload.Result.Downloaded downloaded) {
      if (downloaded.content().length == 0) {
        return new FetchOutcome.Unavailable(
            new DeliveryFailure(
                FailureReason.INVALID_MEDIA_CONTENT_LENGTH, "the " + kind(media) + " is empty"));
      }
      String mimeType =
          firstNonBlank(info.mimeType(), firstNonBlank(downloaded.contentType(), media.mimeType()));
      return new FetchOutcome.Fetched(new MediaBytes(downloaded.content(), mimeType, null));
    }
    if (result instanceof MediaDownload.Result.TooLarge) {
      return tooLarge(media, maxBytes);
    }
    if (result instanceof MediaDownload.Result.Passing passing) {
      return new FetchOutcome.RetryLater(
          RetryAfter.parse(passing.retryAfter(), clock.instant()), passing.reason());
    }
    String reason = ((MediaDownload.Result.Refused) result).reason();
    LOG.warn("the download of media {} failed: {}", media.mediaId(), reason);
    return new FetchOutcome.Unavailable(new DeliveryFailure(FailureReason.GENERAL_ERROR, reason));
  }

  /** The media's metadata, or why it cannot be had. */
  private record Resolved(@Nullable MediaInfo info, @Nullable FetchOutcome failure) {}

  private Resolved resolve(InboundContent.Media media) {
    HttpRequest<?> request =
        HttpRequest.GET(uri(media.mediaId()))
            .bearerAuth(settings.accessToken())
            .accept(MediaType.APPLICATION_JSON_TYPE);
    Reply reply = exchange(request);
    if (reply instanceof Unreached unreached) {
      return new Resolved(null, new FetchOutcome.RetryLater(null, unreached.reason()));
    }
    Answered answer = (Answered) reply;
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
    GraphError error = graphError(answer.body());
    Integer code = error == null ? null : error.code();
    if (isPassing(answer.status(), code)) {
      return new Resolved(
          null, new FetchOutcome.RetryLater(retryAfter(answer), reason(answer.status(), code)));
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
            "the " + kind(media) + " is larger than " + size(maxBytes)));
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

  // ---------------------------------------------------------------- calls and answers

  /** One call's answer, or why there was none. */
  private sealed interface Reply permits Answered, Unreached {}

  private record Answered(int status, HttpHeaders headers, byte[] body) implements Reply {
    boolean isSuccess() {
      return status >= 200 && status < 300;
    }
  }

  private record Unreached(String reason) implements Reply {}

  private Reply exchange(HttpRequest<?> request) {
    try {
      HttpResponse<byte[]> response = blocking.exchange(request, BYTES, BYTES);
      return answered(response);
    } catch (HttpClientResponseException refused) {
      return answered(refused.getResponse());
    } catch (ReadTimeoutException timeout) {
      return new Unreached("the Graph API did not answer in time");
    } catch (HttpClientException unreachable) {
      return new Unreached("the Graph API could not be reached: " + unreachable.getMessage());
    }
  }

  private static Answered answered(HttpResponse<?> response) {
    byte[] body = response.getBody(byte[].class).orElse(new byte[0]);
    return new Answered(response.code(), response.getHeaders(), body);
  }

  /** A call whose 2xx answer {@code onSuccess} reads; any other answer is a retry or a refusal. */
  private DispatchOutcome dispatch(
      HttpRequest<?> request, String what, Function<byte[], DispatchOutcome> onSuccess) {
    Reply reply = exchange(request);
    if (reply instanceof Unreached unreached) {
      return new DispatchOutcome.RetryLater(null, unreached.reason());
    }
    Answered answer = (Answered) reply;
    if (answer.isSuccess()) {
      return onSuccess.apply(answer.body());
    }
    GraphError error = graphError(answer.body());
    Integer code = error == null ? null : error.code();
    if (isPassing(answer.status(), code)) {
      return new DispatchOutcome.RetryLater(retryAfter(answer), reason(answer.status(), code));
    }
    LOG.warn(
        "the Graph API refused a {}: HTTP {}, code {}, subcode {}, fbtrace_id {}",
        what,
        answer.status(),
        code,
        error == null ? null : error.subcode(),
        error == null ? null : error.fbtraceId());
    if (error == null) {
      return new DispatchOutcome.Refused(
          new DeliveryFailure(
              FailureReason.GENERAL_ERROR,
              "the Graph API refused the " + what + " with HTTP " + answer.status()));
    }
    return new DispatchOutcome.Refused(WhatsAppErrorCodes.failureOf(error));
  }

  private static boolean isPassing(int status, @Nullable Integer code) {
    boolean passingStatus = status == 408 || status == 429 || status >= 500;
    return WhatsAppErrorCodes.isRetryable(code)
        || (passingStatus && !WhatsAppErrorCodes.isKnownPermanent(code));
  }

  private static String reason(int status, @Nullable Integer code) {
    return "the Graph API answered HTTP "
        + status
        + (code == null ? "" : " with error code " + code);
  }

  private @Nullable Duration retryAfter(Answered answer) {
    return RetryAfter.parse(answer.headers().get(HttpHeaders.RETRY_AFTER), clock.instant());
  }

  private @Nullable GraphError graphError(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      GraphErrorEnvelope envelope = json.readValue(body, GraphErrorEnvelope.class);
      return envelope == null ? null : envelope.error();
    } catch (IOException | RuntimeException notGraph) {
      return null; // a proxy's page, or nothing: the HTTP status alone decides
    }
  }

  private MutableHttpRequest<byte[]> jsonPost(URI uri, byte[] body) {
    return HttpRequest.POST(uri, body)
        .bearerAuth(settings.accessToken())
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .accept(MediaType.APPLICATION_JSON_TYPE);
  }

  /** The business number to act for, or {@code null} when none is known or no token is set. */
  private @Nullable String sender(@Nullable String businessNumberId) {
    String from = isBlank(businessNumberId) ? settings.phoneNumberId() : businessNumberId.strip();
    return isBlank(from) || isBlank(settings.accessToken()) ? null : from;
  }

  private static DispatchOutcome notConfigured() {
    return new DispatchOutcome.Refused(
        new DeliveryFailure(
            FailureReason.GENERAL_ERROR,
            "the bridge has no WhatsApp phone number id or access token configured"));
  }

  private URI messagesUri(String phoneNumberId) {
    return uri(phoneNumberId, "messages");
  }

  /** {@code {graph-url}/{api-version}/{segments...}}, each segment encoded. */
  private URI uri(String... segments) {
    StringBuilder uri = new StringBuilder(settings.graphUrl()).append('/');
    uri.append(segment(settings.apiVersion()));
    for (String segment : segments) {
      uri.append('/').append(segment(segment));
    }
    return URI.create(uri.toString());
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static MediaType mediaType(String mimeType) {
    try {
      return MediaType.of(mimeType);
    } catch (RuntimeException unreadable) {
      return MediaType.APPLICATION_OCTET_STREAM_TYPE;
    }
  }

  private static URL baseUrl(String graphUrl) {
    try {
      return URI.create(graphUrl).toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          WhatsAppSettings.PREFIX + ".graph-url is not a URL: " + graphUrl, e);
    }
  }

  private static String kind(InboundContent.Media media) {
    return media.kind().name().toLowerCase(Locale.ROOT);
  }

  /** A size for people: 5 MB, 500 KB, 1.5 MB, 300 bytes. */
  static String size(long bytes) {
    long mb = 1024L * 1024;
    if (bytes >= mb) {
      return bytes % mb == 0
          ? bytes / mb + " MB"
          : String.format(Locale.ROOT, "%.1f MB", bytes / (double) mb);
    }
    if (bytes >= 1024) {
      return bytes % 1024 == 0
          ? bytes / 1024 + " KB"
          : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
    return bytes + " bytes";
  }

  private static String firstNonBlank(@Nullable String first, String second) {
    return isBlank(first) ? second : first;
  }

  private static boolean isBlank(@Nullable String value) {
    return value == null || value.isBlank();
  }

  /** Closes the HTTP clients. */
  @PreDestroy
  @Override
  public void close() {
    client.close();
    downloads.close();
  }
}
