package dev.switchboard.adapters.whatsapp;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the bridge talks to Meta's WhatsApp Business Cloud API ({@code switchboard.whatsapp.*}).
 *
 * <p>The four secrets and ids are required in production; the bootstrap module stops start-up when
 * one is missing (see {@link #missing()}). They are nullable here so that a missing value gives
 * that one clear message instead of a bean creation error. {@link #toString()} never shows the app
 * secret, the verify token or the access token.
 *
 * @param appSecret Meta app secret: the key of the webhook signatures
 * @param verifyToken the token Meta presents in the webhook subscription handshake
 * @param accessToken the Graph API bearer token
 * @param phoneNumberId the business number that sends when a conversation names none
 * @param graphUrl the Graph API base, without a trailing path
 * @param apiVersion the Graph API version path segment, e.g. {@code v23.0}
 * @param connectTimeout how long a Graph API connection may take to open
 * @param readTimeout how long the Graph API may take to answer
 */
@ConfigurationProperties(WhatsAppSettings.PREFIX)
public record WhatsAppSettings(
    @Nullable String appSecret,
    @Nullable String verifyToken,
    @Nullable String accessToken,
    @Nullable String phoneNumberId,
    @Bindable(defaultValue = "https://graph.facebook.com") String graphUrl,
    @Bindable(defaultValue = "v23.0") String apiVersion,
    @Bindable(defaultValue = "10s") Duration connectTimeout,
    @Bindable(defaultValue = "15s") Duration readTimeout) {

  /** The configuration prefix. */
  public static final String PREFIX = "switchboard.whatsapp";

  public WhatsAppSettings {
    graphUrl = graphUrl == null || graphUrl.isBlank() ? "https://graph.facebook.com" : graphUrl;
    graphUrl = graphUrl.endsWith("/") ? graphUrl.substring(0, graphUrl.length() - 1) : graphUrl;
    apiVersion = apiVersion == null || apiVersion.isBlank() ? "v23.0" : apiVersion.strip();
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
    readTimeout = readTimeout == null ? Duration.ofSeconds(15) : readTimeout;
  }

  /** The full names of the required properties that are absent or blank, in declaration order. */
  public List<String> missing() {
    List<String> missing = new ArrayList<>();
    addIfBlank(missing, "app-secret", appSecret);
    addIfBlank(missing, "verify-token", verifyToken);
    addIfBlank(missing, "access-token", accessToken);
    addIfBlank(missing, "phone-number-id", phoneNumberId);
    return List.copyOf(missing);
  }

  private static void addIfBlank(List<String> missing, String name, String value) {
    if (value == null || value.isBlank()) {
      missing.add(PREFIX + "." + name);
    }
  }

  @Override
  public String toString() {
    return "WhatsAppSettings[appSecret="
        + shown(appSecret)
        + ", verifyToken="
        + shown(verifyToken)
        + ", accessToken="
        + shown(accessToken)
        + ", phoneNumberId="
        + phoneNumberId
        + ", graphUrl="
        + graphUrl
        + ", apiVersion="
        + apiVersion
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + "]";
  }

  private static String shown(String secret) {
    return secret == null || secret.isBlank() ? "<unset>" : "<set>";
  }
}
