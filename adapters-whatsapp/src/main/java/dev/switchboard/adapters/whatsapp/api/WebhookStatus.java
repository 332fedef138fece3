package dev.switchboard.adapters.whatsapp.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One item of a webhook's {@code value.statuses[]}: WhatsApp's word on a message the business sent.
 *
 * @param id the wamid of the sent message
 * @param status sent, delivered, read, failed (and others the bridge ignores)
 * @param timestamp when it happened, epoch seconds as a string
 * @param recipientId the customer's phone number, digits without {@code +}
 * @param recipientUserId the customer's business-scoped user id
 * @param errors why it failed, for {@code failed}
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookStatus(
    @Nullable String id,
    @Nullable String status,
    @Nullable String timestamp,
    @JsonProperty("recipient_id") @Nullable String recipientId,
    @JsonProperty("recipient_user_id") @Nullable String recipientUserId,
    @Nullable List<GraphError> errors) {}
