package dev.switchboard.adapters.genesys;

import dev.switchboard.adapters.genesys.api.OAuthToken;
import dev.switchboard.adapters.support.RetryAfter;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The OAuth bearer token for Genesys (client-credentials grant), cached until shortly before it
 * expires and fetched by one caller at a time: concurrent callers wait for that one fetch.
 */
final class GenesysTokens {

  /** The most a token is refreshed before it expires. */
  static final Duration MAX_MARGIN = Duration.ofSeconds(60);

  private static final Map<String, String> GRANT = Map.of("grant_type", "client_credentials");

  /** The token could not be had; the call that needed it is to be retried later. */
  static final class Unavailable extends Exception {
    private final transient Duration retryAfter;

    Unavailable(String message, Duration retryAfter) {
      super(message, null, false, false);
      this.retryAfter = retryAfter;
    }

    /** How long the token endpoint asked to wait; {@code null} when it did not say. */
    Duration retryAfter() {
      return retryAfter;
    }
  }

  /** A token and the instant from which it is no longer handed out. */
  private record Token(String value, Instant refreshAt) {
    @Override
    public String toString() {
      return "Token[refreshAt=" + refreshAt + "]";
    }
  }

  private final GenesysHttp http;
  private final JsonMapper json;
  private final Clock clock;
  private final URI tokenUri;
  private final String basicCredentials;
  private final ReentrantLock fetching = new ReentrantLock();
  private volatile Token current;

  GenesysTokens(GenesysHttp http, JsonMapper json, Clock clock, GenesysSettings settings) {
    this.http = http;
    this.json = json;
    this.clock = clock;
    this.tokenUri = URI.create(settings.loginUrl() + "/oauth/token");
    String clientId = settings.clientId() == null ? "" : settings.clientId();
    String clientSecret = settings.clientSecret() == null ? "" : settings.clientSecret();
    this.basicCredentials =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
  }

  /** A valid bearer token: the cached one, or a freshly fetched one. */
  String bearer() throws Unavailable {
    Token token = current;
    if (token != null && clock.instant().isBefore(token.refreshAt())) {
      return token.value();
    }
    fetching.lock();
    try {
      token = current;
      if (token != null && clock.instant().isBefore(token.refreshAt())) {
        return token.value(); // another caller fetched it while this one waited
      }
      token = fetch();
      current = token;
      return token.value();
    } finally {
      fetching.unlock();
    }
  }

  /** Forgets {@code token} after Genesys refused it, unless another caller already replaced it. */
  void refused(String token) {
    fetching.lock();
    try {
      Token cached = current;
      if (cached != null && cached.value().equals(token)) {
        current = null;
      }
    } finally {
      fetching.unlock();
    }
  }

  private Token fetch() throws Unavailable {
    GenesysHttp.Reply reply;
    try {
      reply =
          http.post(tokenUri, basicCredentials, MediaType.APPLICATION_FORM_URLENCODED_TYPE, GRANT);
    } catch (GenesysHttp.NoAnswer e) {
      throw new Unavailable("Genesys OAuth token request failed: " + e.getMessage(), null);
    }
    Instant now = clock.instant();
    if (reply.status() == 400 || reply.status() == 401) {
      throw new Unavailable(
          "Genesys refused the OAuth client credentials (HTTP "
              + reply.status()
              + "): check switchboard.genesys.client-id and client-secret",
          null);
    }
    if (!reply.isSuccess()) {
      throw new Unavailable(
          "Genesys OAuth token request answered HTTP " + reply.status(),
          RetryAfter.parse(reply.retryAfter(), now));
    }
    OAuthToken answer;
    try {
      answer = json.readValue(reply.body(), OAuthToken.class);
    } catch (IOException | RuntimeException e) {
      throw new Unavailable("Genesys OAuth token answer is not the expected JSON", null);
    }
    if (answer == null || answer.accessToken() == null || answer.accessToken().isBlank()) {
      throw new Unavailable("Genesys OAuth token answer has no access_token", null);
    }
    return new Token(answer.accessToken(), now.plus(lifetime(answer.expiresIn())));
  }

  /**
   * How long a token is handed out: its lifetime less 10 % of it, at most {@link #MAX_MARGIN}; a
   * missing or non-positive {@code expires_in} serves only the call that fetched it.
   */
  static Duration lifetime(Long expiresInSeconds) {
    if (expiresInSeconds == null || expiresInSeconds <= 0) {
      return Duration.ZERO;
    }
    Duration expiresIn = Duration.ofSeconds(expiresInSeconds);
    Duration margin = expiresIn.dividedBy(10);
    return expiresIn.minus(margin.compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : margin);
  }
}
