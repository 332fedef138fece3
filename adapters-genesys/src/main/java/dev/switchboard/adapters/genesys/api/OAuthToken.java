package dev.switchboard.adapters.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The answer of {@code POST {login-url}/oauth/token} to a client-credentials grant.
 *
 * @param accessToken the bearer token (a secret: never logged)
 * @param tokenType {@code bearer}
 * @param expiresIn how many seconds the token is valid; {@code null} when not said
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record OAuthToken(
    @JsonProperty("access_token") @Nullable String accessToken,
    @JsonProperty("token_type") @Nullable String tokenType,
    @JsonProperty("expires_in") @Nullable Long expiresIn) {

  @Override
  public String toString() {
    return "OAuthToken[tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
  }
}
