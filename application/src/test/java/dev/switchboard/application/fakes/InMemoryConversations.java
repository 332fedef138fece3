package dev.switchboard.application.fakes;

import dev.switchboard.application.port.out.Conversations;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.Conversation;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.conversation.HeldMessage;
import dev.switchboard.domain.conversation.MessageWindow;
import dev.switchboard.domain.customer.ReplyRoute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
  private final Map<ConversationKey, List<HeldMessage>> held = new LinkedHashMap<>();

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
            conversation.lastCustomerMessageId().orElse(null),
            conversation.awaiting()));
  }

  @Override
  public synchronized void hold(ConversationKey key, HeldMessage message) {
    held.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
  }

  @Override
  public synchronized List<HeldMessage> takeHeld(ConversationKey key, Instant heldBefore) {
    List<HeldMessage> messages = held.getOrDefault(key, new ArrayList<>());
    List<HeldMessage> taken =
        messages.stream()
            .filter(m -> heldBefore == null || m.heldAt().isBefore(heldBefore))
            .toList();
    messages.removeAll(taken);
    if (messages.isEmpty()) {
      held.remove(key);
    }
    return taken;
  }

  @Override
  public synchronized List<ConversationKey> holdingSince(
      ConnectionId connection, Instant at, int limit) {
    return held.entrySet().stream()
        .filter(e -> e.getKey().connection().equals(connection))
        .filter(e -> e.getValue().stream().anyMatch(m -> m.heldAt().isBefore(at)))
        .map(Map.Entry::getKey)
        .limit(limit)
        .toList();
  }

  /** The messages held in the conversation, oldest first, without taking them. */
  public synchronized List<HeldMessage> held(ConversationKey key) {
    return List.copyOf(held.getOrDefault(key, List.of()));
  }

  /** The stored conversation, if any; a copy. */
  public synchronized Optional<Conversation> find(ConversationKey key) {
    return Optional.ofNullable(rows.get(key))
        .map(r -> Conversation.restore(key, r.window, r.route, r.lastMessageId, r.awaiting));
  }

  /** The conversations locked so far, in order, repeats included. */
  public synchronized List<ConversationKey> locks() {
    return List.copyOf(locks);
  }

  /** How many conversations are stored. */
  public synchronized int size() {
    return rows.size();
  }

  private record Row(
      MessageWindow window,
      ReplyRoute route,
      String lastMessageId,
      Conversation.Awaiting awaiting) {}
}
