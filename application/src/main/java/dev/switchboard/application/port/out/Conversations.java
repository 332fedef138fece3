package dev.switchboard.application.port.out;

import dev.switchboard.domain.conversation.Conversation;
import dev.switchboard.domain.customer.CustomerId;

/** The conversations with customers: their window and where they last wrote from. */
public interface Conversations {

  /**
   * The customer's conversation, begun if there was none, locked until the caller's transaction
   * ends: everything that changes what the bridge knows of one customer happens one at a time.
   */
  Conversation lock(CustomerId customer);

  /** Stores the conversation; part of the caller's transaction. */
  void save(Conversation conversation);
}
