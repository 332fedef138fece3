package dev.switchboard.adapters.whatsapp.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code POST /{phone-number-id}/messages} that marks a customer's message read and
 * shows them a typing indicator (for up to 25 seconds, or until the next message).
 *
 * @param messagingProduct always {@code whatsapp}
 * @param status always {@code read}
 * @param messageId the wamid of the customer's message
 * @param typingIndicator always of type {@code text}
 */
@Serdeable
public record TypingIndicatorRequest(
    @JsonProperty("messaging_product") String messagingProduct,
    String status,
    @JsonProperty("message_id") String messageId,
    @JsonProperty("typing_indicator") Indicator typingIndicator) {

  /** The request for the customer's message {@code messageId}. */
  public static TypingIndicatorRequest forMessage(String messageId) {
    return new TypingIndicatorRequest("whatsapp", "read", messageId, new Indicator("text"));
  }

  /** The indicator shown. */
  @Serdeable
  public record Indicator(String type) {}
}
