package dev.switchboard.application.port.out;

import dev.switchboard.domain.conversation.Conversation;
import dev.switchboard.domain.conversation.ConversationKey;

/** The conversations with customers, one per connection and customer: window and reply route. */
public interface Conversations {

  /**
   * The conversation, begun if there was none, locked until the caller's transaction ends:
   * everything that changes what the bridge knows of one conversation happens one at a time.
   */
  Conversation lock(ConversationKey key);

  /** Stores the conversation; part of the caller's transaction. */
  void save(Conversation conversation);
}
