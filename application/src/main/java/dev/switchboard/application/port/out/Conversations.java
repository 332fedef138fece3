package dev.switchboard.application.port.out;

import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.Conversation;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.conversation.HeldMessage;
import java.time.Instant;
import java.util.List;

/**
 * The conversations with customers, one per connection and customer: window, reply route, what is
 * awaited from the customer, and the agents' messages held until the customer writes.
 */
public interface Conversations {

  /**
   * The conversation, begun if there was none, locked until the caller's transaction ends:
   * everything that changes what the bridge knows of one conversation happens one at a time.
   */
  Conversation lock(ConversationKey key);

  /** Stores the conversation; part of the caller's transaction. */
  void save(Conversation conversation);

  /** Keeps an agent's message until the customer writes; part of the caller's transaction. */
  void hold(ConversationKey key, HeldMessage message);

  /**
   * Removes and returns the messages held in the conversation, oldest first, all of them or only
   * those held before {@code heldBefore} when it is given.
   */
  List<HeldMessage> takeHeld(ConversationKey key, Instant heldBefore);

  /** Up to {@code limit} conversations of the connection with a message held before {@code at}. */
  List<ConversationKey> holdingSince(ConnectionId connection, Instant at, int limit);
}
