package dev.switchboard.application.pipeline;

import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.customer.CustomerId;

/** The outbox lanes: one per customer and direction, so each customer's traffic keeps its order. */
public final class Lanes {

  private Lanes() {}

  /** What goes to the contact center about this customer: messages and receipts. */
  public static String toContactCenter(CustomerId customer) {
    return "contact-center:" + ConversationKey.of(customer).value();
  }

  /** What goes to this customer. */
  public static String toCustomer(CustomerId customer) {
    return "customer:" + ConversationKey.of(customer).value();
  }
}
