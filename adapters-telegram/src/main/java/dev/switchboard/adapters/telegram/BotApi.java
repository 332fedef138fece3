package dev.switchboard.adapters.telegram;

import dev.switchboard.adapters.support.ApiClients;
import dev.switchboard.adapters.support.RetryAfter;
import dev.switchboard.adapters.telegram.api.ApiResponse;
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
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bot API's HTTP plumbing: the calls ({@code POST {api-url}/bot{token}/{method}}, JSON or
 * multipart) and what their answers mean. {@code {"ok": true}} is {@link Accepted}; a 429 (whether
 * the HTTP status or the envelope's {@code error_code} says so), a 408, a 5xx, a timeout or a
 * broken connection is {@link Passing}, waiting {@code parameters.retry_after} seconds, else what
 * {@code Retry-After} asks; any other refusal is {@link Refused}, with the envelope's {@code
 * description}.
 *
 * <p>The bot token is in the path of every call, as the Bot API wants it: no URL is ever logged nor
 * put in a result, no exception message (which may carry the URL) either, and a description is
 * cleaned of the token before it is kept.
 */
final class BotApi implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BotApi.class);
  private static final Argument<byte[]> BYTES = Argument.of(byte[].class);
  private static final int MAX_DESCRIPTION = 200;
  private static final int MIN_SECRET_PART = 8;

  private final TelegramSettings settings;
  private final JsonMapper json;
  private final Clock clock;
  private final HttpClient client;
  private final BlockingHttpClient blocking;

  BotApi(TelegramSettings settings, JsonMapper json, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.json = Objects.requireNonNull(json, "json");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (!TelegramSettings.isApiUrl(settings.apiUrl())) {
      throw new IllegalArgumentException(
          TelegramSettings.API_URL + " must be an absolute http(s) URL without a query");
    }
    this.client =
        ApiClients.create(
            settings.apiUrl(),
            TelegramSettings.API_URL,
            settings.connectTimeout(),
            settings.readTimeout());
    this.blocking = client.toBlocking();
  }

  /** What became of one call. */
  sealed interface Result permits Accepted, Passing, Refused {}

  /**
   * The Bot API took the call.
   *
   * @param result the answer's {@code result}; {@code null} when the answer could not be read
   */
  record Accepted(@Nullable JsonNode result) implements Result {}

  /**
   * A passing failure: try again.
   *
   * @param notBefore how long the Bot API asked to wait; {@code null} when it did not say
   * @param reason what happened, without the token
   */
  record Passing(@Nullable Duration notBefore, String reason) implements Result {}

  /**
   * A refusal that trying again cannot change.
   *
   * @param errorCode the envelope's {@code error_code}, else the HTTP status
   * @param description the envelope's {@code description}, shortened and without the token
   */
  record Refused(int errorCode, String description) implements Result {}

  /** Calls {@code method} with {@code request} as JSON; never throws for the Bot API's failures. */
  Result call(String token, String method, Object request) {
    byte[] body;
    try {
      body = json.writeValueAsBytes(request);
    } catch (IOException | RuntimeException unwritable) {
      return new Refused(
          0, "the " + method + " request cannot be written (" + simpleName(unwritable) + ")");
    }
    MutableHttpRequest<byte[]> post =
        HttpRequest.POST(methodUri(token, method), body)
            .contentType(MediaType.APPLICATION_JSON_TYPE)
            .accept(MediaType.APPLICATION_JSON_TYPE);
    return logged(method, exchange(post, token));
  }

  /** Calls {@code method} with a multipart form (a file's bytes among its parts). */
  Result upload(String token, String method, MultipartBody form) {
    MutableHttpRequest<MultipartBody> post =
        HttpRequest.POST(methodUri(token, method), form)
            .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)
            .accept(MediaType.APPLICATION_JSON_TYPE);
    return logged(method, exchange(post, token));
  }

  private Result exchange(HttpRequest<?> request, String token) {
    try {
      HttpResponse<byte[]> response = blocking.exchange(request, BYTES, BYTES);
      return answered(response, token);
    } catch (HttpClientResponseException refused) {
      return answered(refused.getResponse(), token);
    } catch (ReadTimeoutException timeout) {
      return new Passing(null, "the Bot API did not answer in time");
    } catch (HttpClientException unreachable) {
      // its message may name the URL, and so the token: name only its kind
      return new Passing(
          null, "the Bot API could not be reached (" + simpleName(unreachable) + ")");
    } catch (RuntimeException broken) {
      return new Passing(null, "the call to the Bot API failed (" + simpleName(broken) + ")");
    }
  }

  private Result answered(HttpResponse<?> response, String token) {
    int status = response.code();
    byte[] body = response.getBody(byte[].class).orElse(new byte[0]);
    JsonNode tree = tree(body);
    ApiResponse envelope = envelope(tree);
    boolean success = status >= 200 && status < 300;
    if (success && (envelope == null || !Boolean.FALSE.equals(envelope.ok()))) {
      JsonNode result = tree == null || !tree.isObject() ? null : tree.get("result");
      return new Accepted(result == null || result.isNull() ? null : result);
    }
    int code =
        envelope != null && envelope.errorCode() != null && envelope.errorCode() > 0
            ? envelope.errorCode()
            : status;
    String description =
        envelope == null || envelope.description() == null
            ? ""
            : cleaned(envelope.description(), token);
    if (isPassing(status) || isPassing(code)) {
      Long retryAfter =
          envelope == null || envelope.parameters() == null
              ? null
              : envelope.parameters().retryAfter();
      Duration wait =
          retryAfter != null && retryAfter >= 0
              ? min(Duration.ofSeconds(retryAfter), RetryAfter.LONGEST)
              : RetryAfter.parse(
                  response.getHeaders().get(HttpHeaders.RETRY_AFTER), clock.instant());
      return new Passing(wait, reason(status, description));
    }
    return new Refused(code, description.isEmpty() ? "HTTP " + status : description);
  }

  private static boolean isPassing(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  private static String reason(int status, String description) {
    return "the Bot API answered HTTP "
        + status
        + (description.isEmpty() ? "" : ": " + description);
  }

  private Result logged(String method, Result result) {
    if (result instanceof Refused refused) {
      LOG.warn(
          "the Bot API refused {}: error {}: {}",
          method,
          refused.errorCode(),
          refused.description());
    }
    return result;
  }

  private @Nullable JsonNode tree(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return json.readValue(body, JsonNode.class);
    } catch (IOException | RuntimeException notJson) {
      return null; // a proxy's page, or nothing: the HTTP status alone decides
    }
  }

  private @Nullable ApiResponse envelope(@Nullable JsonNode tree) {
    if (tree == null || !tree.isObject()) {
      return null;
    }
    try {
      return json.readValueFromTree(tree, ApiResponse.class);
    } catch (IOException | RuntimeException wrongShape) {
      return null;
    }
  }

  /**
   * A description as it may be kept: one line, at most {@value #MAX_DESCRIPTION} characters, the
   * token (should the Bot API ever repeat it) replaced.
   */
  static String cleaned(String description, String token) {
    String text = description.replace(token, "<bot token>");
    int colon = token.indexOf(':');
    if (colon >= 0 && token.length() - colon - 1 >= MIN_SECRET_PART) {
      text = text.replace(token.substring(colon + 1), "<bot token>");
    }
    text = text.replaceAll("\\p{Cntrl}+", " ").strip();
    return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION) + "…";
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  // ---------------------------------------------------------------- addresses (never logged)

  /** {@code {api-url}/bot{token}/{method}}. */
  private URI methodUri(String token, String method) {
    return URI.create(settings.apiUrl() + "/bot" + token + "/" + method);
  }

  /**
   * {@code {api-url}/file/bot{token}/{file_path}}, each segment of the path encoded; {@code null}
   * when the path is not a plain relative path (empty, {@code ..}, a query).
   */
  @Nullable
  URI fileUri(String token, String filePath) {
    if (filePath == null || filePath.isBlank() || filePath.startsWith("/")) {
      return null;
    }
    StringBuilder uri = new StringBuilder(settings.apiUrl()).append("/file/bot").append(token);
    for (String segment : filePath.strip().split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return null;
      }
      uri.append('/')
          .append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return URI.create(uri.toString());
  }

  private static String simpleName(Throwable error) {
    return error.getClass().getSimpleName();
  }

  @Override
  public void close() {
    client.close();
  }
}
