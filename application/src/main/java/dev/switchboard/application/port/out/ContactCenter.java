package dev.switchboard.application.port.out;

import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.FetchOutcome;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.message.Attachment;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.ReplyChoice;
import java.util.List;

/**
 * The contact center agents work in (Genesys Cloud): receives customers' messages, their taps on
 * quick replies, and receipts, each through the integration of the connection it came on; serves
 * the attachments its agents send. None of its methods throws for the other side's failures.
 */
public interface ContactCenter {

  /** The largest attachment the contact center takes from a customer, in bytes. */
  long largestAttachment();

  /**
   * Hands a customer's message to the contact center.
   *
   * @param attachments the message's media as links the contact center can fetch; empty when none
   */
  DispatchOutcome forward(
      ConnectionId connection, InboundMessage message, List<Attachment> attachments);

  /** Tells the contact center which quick reply the customer tapped. */
  DispatchOutcome answer(ConnectionId connection, ReplyChoice choice);

  /** Tells the contact center what became of a message its agent sent. */
  DispatchOutcome report(ConnectionId connection, DeliveryReceipt receipt);

  /**
   * Fetches an attachment an agent of the connection's integration sent, only from the contact
   * center's own media hosts (never following a redirect elsewhere), and at most {@code maxBytes}.
   */
  FetchOutcome fetchAttachment(ConnectionId connection, OutboundContent.Media media, long maxBytes);
}
