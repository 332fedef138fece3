package dev.switchboard.adapters.whatsapp;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How the bridge talks to Meta's WhatsApp Business Cloud API ({@code switchboard.whatsapp.*}).
 *
 * <p>The secrets and ids are nullable here: which are required depends on the connections, and
 * {@link WhatsAppAccounts#read} names what is missing before any bean starts, instead of a bean
 * creation error. {@link #toString()} never shows the app secret, the verify token or the access
 * token.
 *
 * @param appSecret Meta app secret: the key of the webhook signatures
 * @param verifyToken the token Meta presents in the webhook subscription handshake
 * @param accessToken the Graph API bearer token of the numbers that set none of their own
 * @param phoneNumberId the business number of the {@code default} connection
 * @param graphUrl the Graph API base, without a trailing path
 * @param apiVersion the Graph API version path segment, e.g. {@code v26.0}
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
    @Bindable(defaultValue = "v26.0") String apiVersion,
    @Bindable(defaultValue = "10s") Duration connectTimeout,
    @Bindable(defaultValue = "15s") Duration readTimeout) {

  /** The configuration prefix. */
  public static final String PREFIX = "switchboard.whatsapp";

  public WhatsAppSettings {
    graphUrl = graphUrl == null || graphUrl.isBlank() ? "https://graph.facebook.com" : graphUrl;
    graphUrl = graphUrl.endsWith("/") ? graphUrl.substring(0, graphUrl.length() - 1) : graphUrl;
    apiVersion = apiVersion == null || apiVersion.isBlank() ? "v26.0" : apiVersion.strip();
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
    readTimeout = readTimeout == null ? Duration.ofSeconds(15) : readTimeout;
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
