package dev.switchboard.domain.conversation;

import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.OutboundContent;
import java.time.Instant;

/**
 * WhatsApp's rule for business-initiated messages: free-form content only inside the 24-hour
 * customer service window, templates at any time.
 */
public final class TemplatePolicy {

  /** Decides whether {@code content} may be sent at {@code now} given the customer's window. */
  public SendDecision decide(MessageWindow window, OutboundContent content, Instant now) {
    if (content.isTemplate()) {
      return new SendDecision.SendTemplate();
    }
    if (isEmpty(content)) {
      return new SendDecision.Rejected(
          new DeliveryFailure(FailureReason.INVALID_MESSAGE_STRUCTURE, "the message is empty"));
    }
    if (window.isOpenAt(now)) {
      return new SendDecision.SendFreeForm();
    }
    return new SendDecision.TemplateRequired(window.closesAt().orElse(null));
  }

  private static boolean isEmpty(OutboundContent content) {
    return content instanceof OutboundContent.Text text && text.body().isBlank();
  }
}
