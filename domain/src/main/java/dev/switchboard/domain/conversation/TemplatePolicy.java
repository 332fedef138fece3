package dev.switchboard.domain.conversation;

import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.SendParts;
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

  /** Content that gives no send at all (blank text, alone or in a sequence of blank texts). */
  private static boolean isEmpty(OutboundContent content) {
    return SendParts.of(content).isEmpty();
  }
}
