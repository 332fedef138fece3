package dev.switchboard.adapters.whatsapp;

import dev.switchboard.adapters.whatsapp.api.GraphError;
import dev.switchboard.adapters.whatsapp.api.GraphErrorEnvelope;
import dev.switchboard.adapters.whatsapp.api.SendMessageResponse;
import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.RetryAfter;
import dev.switchboard.application.port.out.MessagingChannel;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.OutboundMessage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
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
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends messages to customers through the WhatsApp Business Cloud API: {@code POST
 * {graph-url}/{api-version}/{phone-number-id}/messages} with the bearer access token.
 *
 * <p>Never throws for the Graph API's failures. An error whose code is retryable ({@link
 * WhatsAppErrorCodes#isRetryable}) is {@link DispatchOutcome.RetryLater} whatever the HTTP status;
 * so are 408, 429 and 5xx answers unless they carry a code known to be permanent, timeouts and I/O
 * errors. {@code Retry-After} (delta-seconds or an HTTP date) becomes {@code notBefore}. Any other
 * refusal is {@link DispatchOutcome.Refused} with the reason from {@link WhatsAppErrorCodes}. The
 * access token is never logged nor put in any outcome.
 */
@Singleton
public final class WhatsAppCloudMessagingChannel implements MessagingChannel, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WhatsAppCloudMessagingChannel.class);
  private static final Argument<byte[]> BYTES = Argument.of(byte[].class);

  private final WhatsAppSettings settings;
  private final JsonMapper json;
  private final Clock clock;
  private final HttpClient client;
  private final BlockingHttpClient blocking;

  @Inject
  public WhatsAppCloudMessagingChannel(WhatsAppSettings settings, JsonMapper json) {
    this(settings, json, Clock.systemUTC());
  }

  /** With the clock that HTTP-date {@code Retry-After} headers are measured against. */
  public WhatsAppCloudMessagingChannel(WhatsAppSettings settings, JsonMapper json, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.json = Objects.requireNonNull(json, "json");
    this.clock = Objects.requireNonNull(clock, "clock");
    DefaultHttpClientConfiguration config = new DefaultHttpClientConfiguration();
    config.setConnectTimeout(settings.connectTimeout());
    config.setReadTimeout(settings.readTimeout());
    config.setFollowRedirects(false);
    this.client = HttpClient.create(baseUrl(settings.graphUrl()), config);
    this.blocking = client.toBlocking();
  }

  @Override
  public DispatchOutcome send(OutboundMessage message, @Nullable String businessNumberId) {
    String from = isBlank(businessNumberId) ? settings.phoneNumberId() : businessNumberId.strip();
    if (isBlank(from) || isBlank(settings.accessToken())) {
      return new DispatchOutcome.Refused(
          new DeliveryFailure(
              FailureReason.GENERAL_ERROR,
              "the bridge has no WhatsApp phone number id or access token configured"));
    }
    byte[] body;
    try {
      body = json.writeValueAsBytes(SendRequests.of(message));
    } catch (IOException | IllegalArgumentException e) {
      return new DispatchOutcome.Refused(
          new DeliveryFailure(
              FailureReason.UNSUPPORTED_MESSAGE,
              "the message cannot be sent on WhatsApp (" + e.getClass().getSimpleName() + ")"));
    }
    HttpRequest<byte[]> request =
        HttpRequest.POST(messagesUri(from), body)
            .bearerAuth(settings.accessToken())
            .contentType(MediaType.APPLICATION_JSON_TYPE)
            .accept(MediaType.APPLICATION_JSON_TYPE);
    try {
      HttpResponse<byte[]> response = blocking.exchange(request, BYTES, BYTES);
      return answered(response.code(), response);
    } catch (HttpClientResponseException refused) {
      return answered(refused.code(), refused.getResponse());
    } catch (ReadTimeoutException timeout) {
      return new DispatchOutcome.RetryLater(null, "the Graph API did not answer in time");
    } catch (HttpClientException unreachable) {
      return new DispatchOutcome.RetryLater(
          null, "the Graph API could not be reached: " + unreachable.getMessage());
    }
  }

  private DispatchOutcome answered(int status, HttpResponse<?> response) {
    byte[] body = response.getBody(byte[].class).orElse(new byte[0]);
    if (status >= 200 && status < 300) {
      return sent(body);
    }
    GraphError error = graphError(body);
    Integer code = error == null ? null : error.code();
    Duration retryAfter =
        RetryAfter.parse(response.getHeaders().get(HttpHeaders.RETRY_AFTER), clock.instant());
    boolean passingStatus = status == 408 || status == 429 || status >= 500;
    if (WhatsAppErrorCodes.isRetryable(code)
        || (passingStatus && !WhatsAppErrorCodes.isKnownPermanent(code))) {
      String reason =
          "the Graph API answered HTTP "
              + status
              + (code == null ? "" : " with error code " + code);
      return new DispatchOutcome.RetryLater(retryAfter, reason);
    }
    LOG.warn(
        "the Graph API refused a send: HTTP {}, code {}, subcode {}, fbtrace_id {}",
        status,
        code,
        error == null ? null : error.subcode(),
        error == null ? null : error.fbtraceId());
    if (error == null) {
      return new DispatchOutcome.Refused(
          new DeliveryFailure(
              FailureReason.GENERAL_ERROR, "the Graph API refused the send with HTTP " + status));
    }
    return new DispatchOutcome.Refused(WhatsAppErrorCodes.failureOf(error));
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

  private URI messagesUri(String phoneNumberId) {
    return URI.create(
        settings.graphUrl()
            + "/"
            + segment(settings.apiVersion())
            + "/"
            + segment(phoneNumberId)
            + "/messages");
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static URL baseUrl(String graphUrl) {
    try {
      return URI.create(graphUrl).toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          WhatsAppSettings.PREFIX + ".graph-url is not a URL: " + graphUrl, e);
    }
  }

  private static boolean isBlank(@Nullable String value) {
    return value == null || value.isBlank();
  }

  /** Closes the HTTP client. */
  @PreDestroy
  @Override
  public void close() {
    client.close();
  }
}
