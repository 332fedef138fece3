package dev.switchboard.adapters.whatsapp.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code POST /{phone-number-id}/messages}. Exactly one of {@code to} (a phone number)
 * and {@code recipient} (a business-scoped user id) is set; fields that are {@code null} are left
 * out. A new message type adds its object here, next to {@code text}.
 *
 * @param messagingProduct always {@code whatsapp}
 * @param recipientType always {@code individual}
 * @param to the customer's phone number, digits without {@code +}
 * @param recipient the customer's business-scoped user id, when no phone number is known
 * @param type the message type
 * @param text the text object of a {@code text} message
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendMessageRequest(
    @JsonProperty("messaging_product") String messagingProduct,
    @JsonProperty("recipient_type") String recipientType,
    @Nullable String to,
    @Nullable String recipient,
    String type,
    @Nullable Text text) {

  /** The {@code text} object: the body, with link previews off. */
  @Serdeable
  public record Text(@JsonProperty("preview_url") boolean previewUrl, String body) {}
}
