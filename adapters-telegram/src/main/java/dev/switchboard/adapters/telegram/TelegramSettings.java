package dev.switchboard.adapters.telegram;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * How the bridge talks to Telegram's Bot API ({@code switchboard.telegram.*}), for every bot. Each
 * bot's token and secret token belong to its connection ({@link TelegramBots}), not here.
 *
 * <p>{@link #toString()} shows no credentials: an API URL with user information shows it as {@code
 * <set>}.
 *
 * @param apiUrl the Bot API base, without a trailing slash: {@code https://api.telegram.org}, or a
 *     self-hosted Bot API server
 * @param connectTimeout how long a connection may take to open
 * @param readTimeout how long an answer may take (uploads of up to 20 MiB included), and the
 *     longest pause within a file download
 */
@ConfigurationProperties(TelegramSettings.PREFIX)
public record TelegramSettings(
    @Bindable(defaultValue = TelegramSettings.DEFAULT_API_URL) String apiUrl,
    @Bindable(defaultValue = "10s") Duration connectTimeout,
    @Bindable(defaultValue = "30s") Duration readTimeout) {

  /** The configuration prefix. */
  public static final String PREFIX = "switchboard.telegram";

  /** The property naming the Bot API base. */
  public static final String API_URL = PREFIX + ".api-url";

  /** Telegram's own Bot API. */
  public static final String DEFAULT_API_URL = "https://api.telegram.org";

  public TelegramSettings {
    apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl.strip();
    while (apiUrl.endsWith("/")) {
      apiUrl = apiUrl.substring(0, apiUrl.length() - 1);
    }
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
    readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
  }

  /** The defaults: Telegram's Bot API, 10 seconds to connect, 30 to answer. */
  public static TelegramSettings defaults() {
    return new TelegramSettings(null, null, null);
  }

  /** The defaults, with another Bot API base (a self-hosted server, a test's stub). */
  public static TelegramSettings at(String apiUrl) {
    return new TelegramSettings(apiUrl, null, null);
  }

  /**
   * Whether {@code url} can be the Bot API base: an absolute {@code http} or {@code https} URL with
   * a host, and no query or fragment (the paths of the calls are appended to it).
   */
  public static boolean isApiUrl(@Nullable String url) {
    if (url == null || url.isBlank()) {
      return false;
    }
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("https") || scheme.equals("http"))
          && uri.getHost() != null
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null;
    } catch (URISyntaxException notAUrl) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "TelegramSettings[apiUrl="
        + shownUrl(apiUrl)
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + "]";
  }

  private static String shownUrl(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getRawUserInfo() == null) {
        return url;
      }
      return uri.getScheme()
          + "://<set>@"
          + uri.getHost()
          + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
          + (uri.getRawPath() == null ? "" : uri.getRawPath());
    } catch (URISyntaxException notAUrl) {
      return "<not a URL>";
    }
  }
}
