package dev.switchboard.application.port.out;

import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.message.InboundMessage;

/** The contact center agents work in (Genesys Cloud): receives customers' messages and receipts. */
public interface ContactCenter {

  /** Hands a customer's message to the contact center; never throws for its failures. */
  DispatchOutcome forward(InboundMessage message);

  /** Tells the contact center what became of a message its agent sent; never throws either. */
  DispatchOutcome report(DeliveryReceipt receipt);
}
