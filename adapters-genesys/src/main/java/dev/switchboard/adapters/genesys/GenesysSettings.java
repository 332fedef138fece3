package dev.switchboard.adapters.genesys;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The Genesys Cloud settings ({@code switchboard.genesys.*}); the required ones are checked at
 * start-up by the bootstrap, the others default from {@code api-url}.
 *
 * @param apiUrl the regional API base, e.g. {@code https://api.mypurecloud.com}
 * @param loginUrl the OAuth base; defaults to the api-url with the host's leading {@code api.}
 *     replaced by {@code login.}
 * @param clientId the OAuth client id (client-credentials grant)
 * @param clientSecret the OAuth client secret
 * @param integrationId the Open Messaging integration id
 * @param webhookSecret the secret Genesys signs its outbound webhooks with
 * @param mediaHosts the hosts agent attachments may be fetched from: exact names or {@code
 *     *.suffix}; defaults to {@code api-downloads.} and the api-url's region domain
 */
@ConfigurationProperties("switchboard.genesys")
public record GenesysSettings(
    @Nullable String apiUrl,
    @Nullable String loginUrl,
    @Nullable String clientId,
    @Nullable String clientSecret,
    @Nullable String integrationId,
    @Nullable String webhookSecret,
    @Nullable List<String> mediaHosts) {

  /** The API base Genesys Cloud uses when none is configured (the US East region). */
  public static final String DEFAULT_API_URL = "https://api.mypurecloud.com";

  private static final String API_PREFIX = "api.";

  public GenesysSettings {
    apiUrl = absolute("api-url", isBlank(apiUrl) ? DEFAULT_API_URL : apiUrl.strip());
    loginUrl = absolute("login-url", isBlank(loginUrl) ? loginUrlOf(apiUrl) : loginUrl.strip());
    mediaHosts =
        mediaHosts == null
            ? List.of()
            : mediaHosts.stream()
                .filter(host -> !isBlank(host))
                .map(host -> host.strip().toLowerCase(Locale.ROOT))
                .toList();
    if (mediaHosts.isEmpty()) {
      mediaHosts = List.of(mediaHostOf(apiUrl));
    }
  }

  /** The API base with its host's leading {@code api.} replaced by {@code login.}. */
  static String loginUrlOf(String apiUrl) {
    URI uri = URI.create(apiUrl);
    String host = uri.getHost();
    if (host == null || !host.startsWith(API_PREFIX)) {
      return apiUrl;
    }
    return uri.getScheme()
        + "://"
        + "login."
        + host.substring(API_PREFIX.length())
        + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
  }

  /**
   * {@code api-downloads.} and the region domain of the API base (its host without {@code api.}).
   */
  static String mediaHostOf(String apiUrl) {
    String host = URI.create(apiUrl).getHost().toLowerCase(Locale.ROOT);
    return host.startsWith(API_PREFIX)
        ? "api-downloads." + host.substring(API_PREFIX.length())
        : host;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  /** The URL without trailing slashes, checked to be an absolute http(s) URL with a host. */
  private static String absolute(String property, String url) {
    String result = url;
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(result);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException(
          "switchboard.genesys." + property + " must be an absolute http(s) URL: " + result);
    }
    return result;
  }

  @Override
  public String toString() {
    return "GenesysSettings[apiUrl="
        + apiUrl
        + ", loginUrl="
        + loginUrl
        + ", clientId="
        + clientId
        + ", clientSecret="
        + (clientSecret == null ? "unset" : "****")
        + ", integrationId="
        + integrationId
        + ", webhookSecret="
        + (webhookSecret == null ? "unset" : "****")
        + ", mediaHosts="
        + mediaHosts
        + "]";
  }
}
