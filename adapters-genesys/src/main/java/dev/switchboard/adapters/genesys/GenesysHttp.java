package dev.switchboard.adapters.genesys;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import java.net.URI;
import java.time.Duration;

/**
 * The HTTP calls to Genesys, on Micronaut's HTTP client: a POST of raw bytes whose answer, whatever
 * its status, comes back as a {@link Reply}; only a failure to get an answer is an exception.
 */
final class GenesysHttp implements AutoCloseable {

  private static final Argument<byte[]> BYTES = Argument.of(byte[].class);

  /** An answer: its status, its Retry-After header (or null), and its body (empty when none). */
  record Reply(int status, String retryAfter, byte[] body) {
    boolean isSuccess() {
      return status >= 200 && status < 300;
    }
  }

  /** No answer came: the connection failed or the answer took too long. */
  static final class NoAnswer extends Exception {
    NoAnswer(String message) {
      super(message, null, false, false);
    }
  }

  private final HttpClient client;
  private final Duration timeout;

  GenesysHttp(Duration timeout) {
    this.timeout = timeout;
    DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
    configuration.setConnectTimeout(timeout);
    configuration.setReadTimeout(timeout);
    configuration.setFollowRedirects(false); // a bearer token must not follow a redirect elsewhere
    configuration.setExceptionOnErrorStatus(false); // every status is a Reply, not an exception
    configuration.setShutdownQuietPeriod(Duration.ZERO);
    configuration.setShutdownTimeout(Duration.ofSeconds(2));
    // no base URL: every request names its absolute URI (the API and login hosts differ)
    this.client = HttpClient.create(null, configuration);
  }

  /**
   * POSTs {@code body} to {@code uri} and returns the answer, whatever its status.
   *
   * @param body the raw bytes of a JSON body, or a map of fields for a form body
   */
  Reply post(URI uri, String authorization, MediaType contentType, Object body) throws NoAnswer {
    HttpRequest<Object> request =
        HttpRequest.POST(uri.toString(), body)
            .contentType(contentType)
            .accept(MediaType.APPLICATION_JSON_TYPE)
            .header(HttpHeaders.AUTHORIZATION, authorization);
    try {
      HttpResponse<byte[]> response = client.toBlocking().exchange(request, BYTES, BYTES);
      return new Reply(
          response.code(),
          response.getHeaders().get(HttpHeaders.RETRY_AFTER),
          response.getBody(BYTES).orElse(new byte[0]));
    } catch (ReadTimeoutException e) {
      throw new NoAnswer("no answer within " + timeout.toSeconds() + " s");
    } catch (HttpClientException e) {
      // the message names the failure and at most the host; it never holds a header
      throw new NoAnswer("no answer: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
