package dev.switchboard.adapters.support;

import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;

/**
 * The HTTP client a channel adapter calls its API with: its own timeouts, and no redirects followed
 * (a redirect elsewhere must not take a token along).
 */
public final class ApiClients {

  private ApiClients() {}

  /**
   * A client of the API at {@code baseUrl}.
   *
   * @param property the setting {@code baseUrl} came from, named when it is not a URL
   * @throws IllegalArgumentException when {@code baseUrl} is not an absolute URL
   */
  public static HttpClient create(
      String baseUrl, String property, Duration connectTimeout, Duration readTimeout) {
    DefaultHttpClientConfiguration config = new DefaultHttpClientConfiguration();
    config.setConnectTimeout(connectTimeout);
    config.setReadTimeout(readTimeout);
    config.setFollowRedirects(false);
    try {
      return HttpClient.create(URI.create(baseUrl).toURL(), config);
    } catch (MalformedURLException | IllegalArgumentException notAUrl) {
      throw new IllegalArgumentException(property + " is not an absolute URL", notAUrl);
    }
  }
}
