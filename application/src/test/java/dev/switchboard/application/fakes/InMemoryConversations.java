package dev.switchboard.application.fakes;

import dev.switchboard.application.port.out.Conversations;
import dev.switchboard.domain.conversation.Conversation;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.conversation.MessageWindow;
import dev.switchboard.domain.customer.ReplyRoute;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Conversations} in memory, keyed by the conversation key (connection and customer). Like a
 * database, it hands out copies: a change is kept only once saved. It records which conversations
 * were locked, in order.
 */
public final class InMemoryConversations implements Conversations {

  private final Map<ConversationKey, Row> rows = new HashMap<>();
  private final List<ConversationKey> locks = new ArrayList<>();

  @Override
  public synchronized Conversation lock(ConversationKey key) {
    Objects.requireNonNull(key, "key");
    locks.add(key);
    return find(key).orElseGet(() -> Conversation.begin(key));
  }

  @Override
  public synchronized void save(Conversation conversation) {
    rows.put(
        conversation.key(),
        new Row(
            conversation.window(),
            conversation.route().orElse(null),
            conversation.lastCustomerMessageId().orElse(null)));
  }

  /** The stored conversation, if any; a copy. */
  public synchronized Optional<Conversation> find(ConversationKey key) {
    return Optional.ofNullable(rows.get(key))
        .map(r -> Conversation.restore(key, r.window, r.route, r.lastMessageId));
  }

  /** The conversations locked so far, in order, repeats included. */
  public synchronized List<ConversationKey> locks() {
    return List.copyOf(locks);
  }

  /** How many conversations are stored. */
  public synchronized int size() {
    return rows.size();
  }

  private record Row(MessageWindow window, ReplyRoute route, String lastMessageId) {}
}
