package dev.switchboard.adapters.whatsapp;

import dev.switchboard.adapters.support.ApiClients;
import dev.switchboard.adapters.support.RetryAfter;
import dev.switchboard.adapters.whatsapp.api.GraphError;
import dev.switchboard.adapters.whatsapp.api.GraphErrorEnvelope;
import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Graph API's HTTP plumbing: URLs ({@code {graph-url}/{api-version}/...}), calls with a bearer
 * token, and what their answers mean. An error whose code is retryable ({@link
 * WhatsAppErrorCodes#isRetryable}) is a retry whatever the HTTP status; so are 408, 429 and 5xx
 * answers unless they carry a code known to be permanent, timeouts and I/O errors; {@code
 * Retry-After} (delta-seconds or an HTTP date) becomes the wait. Any other refusal is permanent,
 * with the reason from {@link WhatsAppErrorCodes}. Tokens are never logged nor put in an outcome.
 */
final class GraphApi implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GraphApi.class);
  private static final Argument<byte[]> BYTES = Argument.of(byte[].class);

  private final WhatsAppSettings settings;
  private final JsonMapper json;
  private final Clock clock;
  private final HttpClient client;
  private final BlockingHttpClient blocking;

  GraphApi(WhatsAppSettings settings, JsonMapper json, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.json = Objects.requireNonNull(json, "json");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.client =
        ApiClients.create(
            settings.graphUrl(),
            WhatsAppSettings.PREFIX + ".graph-url",
            settings.connectTimeout(),
            settings.readTimeout());
    this.blocking = client.toBlocking();
  }

  /** One call's answer, or why there was none. */
  sealed interface Reply permits Answered, Unreached {}

  /** The Graph API answered. */
  record Answered(int status, HttpHeaders headers, byte[] body) implements Reply {
    boolean isSuccess() {
      return status >= 200 && status < 300;
    }
  }

  /** The Graph API could not be reached, or did not answer in time. */
  record Unreached(String reason) implements Reply {}

  /** Makes one call; never throws for the other side's failures. */
  Reply exchange(HttpRequest<?> request) {
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
  DispatchOutcome dispatch(
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

  /** Whether an answer is a passing failure, to be retried. */
  static boolean isPassing(int status, @Nullable Integer code) {
    boolean passingStatus = status == 408 || status == 429 || status >= 500;
    return WhatsAppErrorCodes.isRetryable(code)
        || (passingStatus && !WhatsAppErrorCodes.isKnownPermanent(code));
  }

  /** What an answer was, for retries and dead letters. */
  static String reason(int status, @Nullable Integer code) {
    return "the Graph API answered HTTP "
        + status
        + (code == null ? "" : " with error code " + code);
  }

  /** How long the answer asks to wait; {@code null} when it does not say. */
  @Nullable
  Duration retryAfter(Answered answer) {
    return RetryAfter.parse(answer.headers().get(HttpHeaders.RETRY_AFTER), clock.instant());
  }

  /** The Graph API's error in a body, if it is one. */
  @Nullable
  GraphError graphError(byte[] body) {
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

  /** A JSON POST with the bearer token. */
  MutableHttpRequest<byte[]> jsonPost(URI uri, byte[] body, String token) {
    return HttpRequest.POST(uri, body)
        .bearerAuth(token)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .accept(MediaType.APPLICATION_JSON_TYPE);
  }

  /** {@code {graph-url}/{api-version}/{segments...}}, each segment encoded. */
  URI uri(String... segments) {
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

  @Override
  public void close() {
    client.close();
  }
}
