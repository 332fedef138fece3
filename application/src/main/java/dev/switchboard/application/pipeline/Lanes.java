package dev.switchboard.application.pipeline;

import dev.switchboard.domain.conversation.ConversationKey;

/**
 * The outbox lanes: one per conversation (a customer on a connection) and direction, so each
 * conversation's traffic keeps its order.
 */
public final class Lanes {

  /** The prefix of the lanes towards the contact center. */
  public static final String CONTACT_CENTER = "contact-center:";

  /** The prefix of the lanes towards customers. */
  public static final String CUSTOMER = "customer:";

  private Lanes() {}

  /** What goes to the contact center about this conversation: messages, taps and receipts. */
  public static String toContactCenter(ConversationKey key) {
    return CONTACT_CENTER + key.value();
  }

  /** What goes to the customer of this conversation. */
  public static String toCustomer(ConversationKey key) {
    return CUSTOMER + key.value();
  }
}
