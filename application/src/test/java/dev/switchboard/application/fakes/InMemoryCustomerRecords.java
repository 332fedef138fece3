package dev.switchboard.application.fakes;

import dev.switchboard.application.port.out.CustomerRecords;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.customer.CustomerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link CustomerRecords} in memory: which customers have rows (and the ids linked with each), and
 * every purge asked of it, in order.
 */
public final class InMemoryCustomerRecords implements CustomerRecords {

  private final Map<ConversationKey, List<CustomerId>> stored = new LinkedHashMap<>();
  private final List<String> purges = new ArrayList<>();

  /**
   * Records that rows are kept about {@code customer} on {@code connection}, linked with others.
   */
  public synchronized void store(
      ConnectionId connection, CustomerId customer, CustomerId... linked) {
    List<CustomerId> ids = new ArrayList<>();
    ids.add(customer);
    ids.addAll(List.of(linked));
    stored.put(new ConversationKey(connection, customer), ids);
  }

  /** Whether rows are kept about {@code customer} on {@code connection}. */
  public synchronized boolean holds(ConnectionId connection, CustomerId customer) {
    return stored.containsKey(new ConversationKey(connection, customer));
  }

  /** The purges asked, as {@code "<kind> before <cutoff>"}. */
  public synchronized List<String> purges() {
    return List.copyOf(purges);
  }

  @Override
  public synchronized List<CustomerId> erase(ConnectionId connection, CustomerId customer) {
    List<CustomerId> ids = stored.remove(new ConversationKey(connection, customer));
    return ids == null ? List.of() : ids;
  }

  @Override
  public synchronized int deleteForwardedMessagesBefore(Instant cutoff, int batch) {
    return purge("forwarded messages", cutoff);
  }

  @Override
  public synchronized int deleteHeldMessagesBefore(Instant cutoff, int batch) {
    return purge("held messages", cutoff);
  }

  @Override
  public synchronized int deleteConversationsUnchangedBefore(Instant cutoff, int batch) {
    return purge("conversations", cutoff);
  }

  @Override
  public synchronized int deleteContactsUnchangedBefore(Instant cutoff, int batch) {
    return purge("contacts", cutoff);
  }

  @Override
  public synchronized int deleteLinksBefore(Instant cutoff, int batch) {
    return purge("links", cutoff);
  }

  private int purge(String kind, Instant cutoff) {
    purges.add(kind + " before " + Objects.requireNonNull(cutoff, "cutoff"));
    return 1;
  }
}
