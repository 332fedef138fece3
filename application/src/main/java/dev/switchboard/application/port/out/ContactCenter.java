package dev.switchboard.application.port.out;

import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.FetchOutcome;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.message.Attachment;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.ReplyChoice;
import java.util.List;

/**
 * The contact center agents work in (Genesys Cloud): receives customers' messages, their taps on
 * quick replies, and receipts; serves the attachments its agents send. None of its methods throws
 * for the other side's failures.
 */
public interface ContactCenter {

  /**
   * Hands a customer's message to the contact center.
   *
   * @param attachments the message's media as links the contact center can fetch; empty when none
   */
  DispatchOutcome forward(InboundMessage message, List<Attachment> attachments);

  /** Tells the contact center which quick reply the customer tapped. */
  DispatchOutcome answer(ReplyChoice choice);

  /** Tells the contact center what became of a message its agent sent. */
  DispatchOutcome report(DeliveryReceipt receipt);

  /**
   * Fetches an attachment an agent sent, only from the contact center's own media hosts (never
   * following a redirect elsewhere), and at most {@code maxBytes}.
   */
  FetchOutcome fetchAttachment(OutboundContent.Media media, long maxBytes);
}
