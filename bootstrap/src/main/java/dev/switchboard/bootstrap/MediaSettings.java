package dev.switchboard.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Where customers' attachments are kept and how long links to them work.
 *
 * @param store {@code filesystem} (under the data dir) or {@code s3}
 * @param linkLifetime how long a link handed to the contact center works
 * @param retention how long stored media are kept
 * @param signingKey the key that signs the bridge's own media links; derived from the app secret
 *     when not set
 */
@ConfigurationProperties("switchboard.media")
public record MediaSettings(
    @Bindable(defaultValue = "filesystem") String store,
    @Bindable(defaultValue = "24h") Duration linkLifetime,
    @Bindable(defaultValue = "30d") Duration retention,
    @Nullable String signingKey) {

  @Override
  public String toString() {
    return "MediaSettings[store="
        + store
        + ", linkLifetime="
        + linkLifetime
        + ", retention="
        + retention
        + ", signingKey="
        + (signingKey == null ? "<derived>" : "<set>")
        + "]";
  }
}
