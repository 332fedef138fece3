package dev.switchboard.adapters.whatsapp.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The {@code system} object of a system message, e.g. the customer changed their number.
 *
 * @param body what WhatsApp says happened
 * @param type e.g. {@code user_changed_number}
 * @param waId the customer's new phone number, for {@code user_changed_number}
 * @param newWaId the same, as earlier Graph API versions named it
 * @param userId the customer's new business-scoped user id, for {@code user_changed_user_id} (and
 *     for a changed number, which changes the user id too)
 * @param previousUserId the customer's business-scoped user id before the change
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookSystem(
    @Nullable String body,
    @Nullable String type,
    @JsonProperty("wa_id") @Nullable String waId,
    @JsonProperty("new_wa_id") @Nullable String newWaId,
    @JsonProperty("user_id") @Nullable String userId,
    @JsonProperty("previous_user_id") @Nullable String previousUserId) {

  /** The customer's new phone number, whichever name it comes under; {@code null} when none. */
  public @Nullable String newPhone() {
    return waId != null && !waId.isBlank() ? waId : newWaId;
  }
}
