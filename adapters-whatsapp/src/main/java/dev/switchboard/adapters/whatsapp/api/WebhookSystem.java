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
 * @param newWaId the customer's new WhatsApp id, for a changed number
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookSystem(
    @Nullable String body,
    @Nullable String type,
    @JsonProperty("new_wa_id") @Nullable String newWaId) {}
