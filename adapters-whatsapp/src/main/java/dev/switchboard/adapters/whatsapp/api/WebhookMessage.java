package dev.switchboard.adapters.whatsapp.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One item of a webhook's {@code value.messages[]}: what a customer sent. Only the fields every
 * message has, and the text; each other type's object (and the context and referral) is read on its
 * own, so that an odd one never spoils the rest (see {@code InboundContentRendering}).
 *
 * @param id the wamid
 * @param from the sender's phone number, digits without {@code +}; absent when the user hides it
 * @param fromUserId the sender's business-scoped user id
 * @param timestamp the message's own time, epoch seconds as a string
 * @param type the message type: text, image, sticker, ...
 * @param text the text object of a {@code text} message
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookMessage(
    @Nullable String id,
    @Nullable String from,
    @JsonProperty("from_user_id") @Nullable String fromUserId,
    @Nullable String timestamp,
    @Nullable String type,
    @Nullable Text text) {

  /** The {@code text} object of a text message. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Text(@Nullable String body) {}
}
