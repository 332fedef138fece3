package dev.switchboard.adapters.whatsapp;

import dev.switchboard.adapters.whatsapp.api.SendMessageRequest;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;

/**
 * The Cloud API request for an outbound message: the one place that turns message content into a
 * WhatsApp send (a new content type adds its branch here and its object to {@link
 * SendMessageRequest}).
 */
final class SendRequests {

  private static final String PRODUCT = "whatsapp";
  private static final String INDIVIDUAL = "individual";

  private SendRequests() {}

  /** The request body that sends {@code message}. */
  static SendMessageRequest of(OutboundMessage message) {
    OutboundContent content = message.content();
    if (content instanceof OutboundContent.Text text) {
      return addressed(
          message.recipient(), "text", new SendMessageRequest.Text(false, text.body()));
    }
    throw new IllegalArgumentException(
        "no WhatsApp request for " + content.getClass().getSimpleName());
  }

  /**
   * A phone number goes in {@code to} (digits, no {@code +}); a business-scoped user id goes in
   * {@code recipient}, which the Cloud API takes instead of {@code to} for users known only by it.
   */
  private static SendMessageRequest addressed(
      CustomerId customer, String type, SendMessageRequest.Text text) {
    if (customer instanceof CustomerId.Phone phone) {
      String waId = phone.number().waId();
      return new SendMessageRequest(PRODUCT, INDIVIDUAL, waId, null, type, text);
    }
    return new SendMessageRequest(PRODUCT, INDIVIDUAL, null, customer.value(), type, text);
  }
}
