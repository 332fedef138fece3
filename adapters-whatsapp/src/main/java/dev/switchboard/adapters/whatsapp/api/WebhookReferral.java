package dev.switchboard.adapters.whatsapp.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The {@code referral} object of a message a customer sent from a click-to-WhatsApp ad or post.
 *
 * @param sourceUrl the ad's or post's URL
 * @param sourceId the ad's or post's id
 * @param sourceType {@code ad} or {@code post}
 * @param headline the ad's headline
 * @param body the ad's text
 * @param mediaType the ad's media type
 * @param ctwaClid the click id of a click-to-WhatsApp ad
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookReferral(
    @JsonProperty("source_url") @Nullable String sourceUrl,
    @JsonProperty("source_id") @Nullable String sourceId,
    @JsonProperty("source_type") @Nullable String sourceType,
    @Nullable String headline,
    @Nullable String body,
    @JsonProperty("media_type") @Nullable String mediaType,
    @JsonProperty("ctwa_clid") @Nullable String ctwaClid) {}
