package dev.switchboard.application.fakes;

import dev.switchboard.application.port.out.Conversations;
import dev.switchboard.domain.conversation.Conversation;
import dev.switchboard.domain.conversation.MessageWindow;
import dev.switchboard.domain.customer.CustomerId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Conversations} in memory, keyed by the conversation key. Like a database, it hands out
 * copies: a change is kept only once saved. It records which customers were locked, in order.
 */
public final class InMemoryConversations implements Conversations {

  private final Map<String, Row> rows = new HashMap<>();
  private final List<CustomerId> locks = new ArrayList<>();

  @Override
  public synchronized Conversation lock(CustomerId customer) {
    Objects.requireNonNull(customer, "customer");
    locks.add(customer);
    return find(customer).orElseGet(() -> Conversation.begin(customer));
  }

  @Override
  public synchronized void save(Conversation conversation) {
    rows.put(
        conversation.key().value(),
        new Row(
            conversation.customer(),
            conversation.window(),
            conversation.businessNumberId().orElse(null),
            conversation.lastCustomerMessageId().orElse(null)));
  }

  /** The stored conversation, if any; a copy. */
  public synchronized Optional<Conversation> find(CustomerId customer) {
    Row row = rows.get(customer.value());
    return Optional.ofNullable(row)
        .map(r -> Conversation.restore(r.customer, r.window, r.businessNumberId, r.lastMessageId));
  }

  /** The customers locked so far, in order, repeats included. */
  public synchronized List<CustomerId> locks() {
    return List.copyOf(locks);
  }

  /** How many conversations are stored. */
  public synchronized int size() {
    return rows.size();
  }

  private record Row(
      CustomerId customer, MessageWindow window, String businessNumberId, String lastMessageId) {}
}
