package dev.switchboard.adapters.whatsapp.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One item of a webhook's {@code value.contacts[]}: who wrote.
 *
 * @param waId the customer's phone number, digits without {@code +}
 * @param userId the customer's business-scoped user id
 * @param profile the customer's profile
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookContact(
    @JsonProperty("wa_id") @Nullable String waId,
    @JsonProperty("user_id") @Nullable String userId,
    @Nullable Profile profile) {

  /** The customer's WhatsApp profile. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Profile(@Nullable String name) {}

  /** The profile name, or {@code null}. */
  public @Nullable String name() {
    return profile == null ? null : profile.name();
  }
}
