package dev.switchboard.adapters.whatsapp.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The {@code reaction} object of a reaction message.
 *
 * @param messageId the wamid of the message reacted to
 * @param emoji the emoji; absent or empty when the customer removed their reaction
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookReaction(
    @JsonProperty("message_id") @Nullable String messageId, @Nullable String emoji) {}
