package dev.switchboard.application.fakes;

import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.delivery.Delivery;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.MessageOutcome;
import dev.switchboard.domain.delivery.StatusReport;
import dev.switchboard.domain.message.QuickReply;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Deliveries} in memory, keyed by connection and channel message id. Like a database, it
 * hands out copies (with the quick replies offered and whether the send was its message's final
 * part): a change is kept only once saved. Held reports are released in the order they were held.
 * Rows are stamped with the fake's clock when saved or held, as a database stamps what it writes.
 */
public final class InMemoryDeliveries implements Deliveries {

  /** A channel message id on a connection. */
  private record Key(ConnectionId connection, String channelMessageId) {
    Key {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(channelMessageId, "channelMessageId");
    }
  }

  private final Map<Key, Row> rows = new LinkedHashMap<>();
  private final Map<Key, List<Held>> held = new LinkedHashMap<>();
  private final Map<Key, Outcome> outcomes = new LinkedHashMap<>();
  private final Clock clock;

  /** Deliveries stamped with the system clock. */
  public InMemoryDeliveries() {
    this(Clock.systemUTC());
  }

  /** Deliveries stamped with {@code clock}'s time. */
  public InMemoryDeliveries(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized void save(ConnectionId connection, Delivery delivery) {
    rows.put(
        new Key(connection, delivery.channelMessageId()),
        new Row(
            connection,
            delivery.contactCenterMessageId(),
            delivery.channelMessageId(),
            delivery.customer(),
            delivery.offeredReplies(),
            delivery.finalPart(),
            delivery.status(),
            clock.instant()));
  }

  @Override
  public synchronized Optional<Delivery> byChannelMessageId(
      ConnectionId connection, String channelMessageId) {
    return Optional.ofNullable(rows.get(new Key(connection, channelMessageId))).map(Row::restore);
  }

  @Override
  public synchronized void hold(ConnectionId connection, StatusReport report) {
    Objects.requireNonNull(report, "report");
    held.computeIfAbsent(new Key(connection, report.channelMessageId()), k -> new ArrayList<>())
        .add(new Held(report, clock.instant()));
  }

  /**
   * Forgets, up to {@code batch} in all, the deliveries last saved and the reports held before
   * {@code cutoff} (by this fake's clock, as a database stamps the rows it writes).
   */
  @Override
  public synchronized int deleteChangedBefore(Instant cutoff, int batch) {
    int deleted = 0;
    for (var it = rows.values().iterator(); it.hasNext() && deleted < batch; ) {
      if (it.next().changedAt().isBefore(cutoff)) {
        it.remove();
        deleted++;
      }
    }
    for (var it = outcomes.values().iterator(); it.hasNext() && deleted < batch; ) {
      if (it.next().changedAt().isBefore(cutoff)) {
        it.remove();
        deleted++;
      }
    }
    for (var lists = held.values().iterator(); lists.hasNext() && deleted < batch; ) {
      List<Held> reports = lists.next();
      for (var it = reports.iterator(); it.hasNext() && deleted < batch; ) {
        if (it.next().heldAt().isBefore(cutoff)) {
          it.remove();
          deleted++;
        }
      }
      if (reports.isEmpty()) {
        lists.remove();
      }
    }
    return deleted;
  }

  @Override
  public synchronized Optional<MessageOutcome> outcome(
      ConnectionId connection, String contactCenterMessageId) {
    return Optional.ofNullable(outcomes.get(new Key(connection, contactCenterMessageId)))
        .map(Outcome::restore);
  }

  @Override
  public synchronized void saveOutcome(ConnectionId connection, MessageOutcome outcome) {
    outcomes.put(
        new Key(connection, outcome.contactCenterMessageId()),
        new Outcome(
            outcome.contactCenterMessageId(),
            outcome.customer(),
            outcome.sends(),
            outcome.delivered(),
            outcome.lastSent(),
            outcome.state(),
            clock.instant()));
  }

  @Override
  public synchronized List<StatusReport> releaseHeld(
      ConnectionId connection, String channelMessageId) {
    List<Held> released = held.remove(new Key(connection, channelMessageId));
    return released == null ? List.of() : released.stream().map(Held::report).toList();
  }

  /** The reports held for this channel message id on the connection, without releasing them. */
  public synchronized List<StatusReport> held(ConnectionId connection, String channelMessageId) {
    return held.getOrDefault(new Key(connection, channelMessageId), List.of()).stream()
        .map(Held::report)
        .toList();
  }

  /** Every stored delivery, of all connections, in the order first saved; copies. */
  public synchronized List<Delivery> all() {
    return rows.values().stream().map(Row::restore).toList();
  }

  /** The stored deliveries of one connection, in the order first saved; copies. */
  public synchronized List<Delivery> all(ConnectionId connection) {
    return rows.values().stream()
        .filter(r -> r.connection().equals(connection))
        .map(Row::restore)
        .toList();
  }

  private record Row(
      ConnectionId connection,
      String contactCenterMessageId,
      String channelMessageId,
      CustomerId customer,
      List<QuickReply> offeredReplies,
      boolean finalPart,
      DeliveryStatus status,
      Instant changedAt) {
    Delivery restore() {
      return Delivery.restore(
          contactCenterMessageId, channelMessageId, customer, offeredReplies, finalPart, status);
    }
  }

  private record Held(StatusReport report, Instant heldAt) {}

  private record Outcome(
      String contactCenterMessageId,
      CustomerId customer,
      int sends,
      int delivered,
      boolean lastSent,
      MessageOutcome.State state,
      Instant changedAt) {
    MessageOutcome restore() {
      return MessageOutcome.restore(
          contactCenterMessageId, customer, sends, delivered, lastSent, state);
    }
  }
}
