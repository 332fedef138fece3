package dev.switchboard.adapters.persistence;

import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.port.out.CustomerRecords;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.customer.CustomerId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The customers' personal data across the tables that hold it: {@code conversation}, {@code
 * held_message}, {@code contact}, {@code customer_link}, {@code delivery} (with {@code
 * held_status_report}), {@code message_outcome}, and the outbox lanes of their conversations
 * ({@code outbox_entry}, {@code outbox_lane}, {@code dead_letter_outbox}, {@code
 * forwarded_message}), and the traces of their messages ({@code message_trace}, {@link
 * JdbcMessageTraces}).
 */
@Singleton
public final class JdbcCustomerRecords implements CustomerRecords {

  private static final String CUSTOMER =
      " connection = ? AND customer_kind = ? AND customer_value = ?";

  private final Jdbc jdbc;
  private final JdbcMessageTraces traces;

  JdbcCustomerRecords(Jdbc jdbc, JdbcMessageTraces traces) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.traces = Objects.requireNonNull(traces, "traces");
  }

  @Override
  public List<CustomerId> erase(ConnectionId on, CustomerId customer) {
    Objects.requireNonNull(on, "on");
    Objects.requireNonNull(customer, "customer");
    traces.flush(); // the rows told before the erasure are erased with the rest
    return jdbc.inTransaction(
        connection -> {
          List<CustomerId> erased = new ArrayList<>();
          for (CustomerId id : linked(connection, on, customer)) {
            if (eraseOne(connection, new ConversationKey(on, id)) > 0) {
              erased.add(id);
            }
          }
          return erased;
        });
  }

  /** The customer, the participant they are linked to and every id linked to that participant. */
  private static Set<CustomerId> linked(Connection connection, ConnectionId on, CustomerId customer)
      throws SQLException {
    Set<CustomerId> ids = new LinkedHashSet<>();
    ids.add(customer);
    Optional<CustomerId> participant =
        Jdbc.query(
                connection,
                "SELECT participant_kind AS customer_kind, participant_value AS customer_value"
                    + " FROM customer_link WHERE"
                    + CUSTOMER,
                statement -> CustomerIdColumns.bind(statement, 1, on, customer),
                CustomerIdColumns::read)
            .stream()
            .findFirst();
    CustomerId root = participant.orElse(customer);
    ids.add(root);
    ids.addAll(
        Jdbc.query(
            connection,
            "SELECT customer_kind, customer_value FROM customer_link"
                + " WHERE connection = ? AND participant_kind = ? AND participant_value = ?",
            statement -> CustomerIdColumns.bind(statement, 1, on, root),
            CustomerIdColumns::read));
    return ids;
  }

  /** Deletes every row about one conversation's customer; how many. */
  private int eraseOne(Connection connection, ConversationKey key) throws SQLException {
    Jdbc.Binder customer = statement -> CustomerIdColumns.bind(statement, 1, key);
    int deleted =
        Jdbc.update(
            connection,
            "DELETE FROM held_status_report WHERE connection = ? AND channel_message_id IN"
                + " (SELECT channel_message_id FROM delivery WHERE"
                + CUSTOMER
                + ")",
            statement -> {
              statement.setString(1, key.connection().value());
              CustomerIdColumns.bind(statement, 2, key);
            });
    for (String table :
        List.of("delivery", "message_outcome", "held_message", "conversation", "contact")) {
      deleted += Jdbc.update(connection, "DELETE FROM " + table + " WHERE" + CUSTOMER, customer);
    }
    deleted +=
        Jdbc.update(
            connection,
            "DELETE FROM customer_link WHERE"
                + CUSTOMER
                + " OR (connection = ? AND participant_kind = ? AND participant_value = ?)",
            statement -> {
              CustomerIdColumns.bind(statement, 1, key);
              CustomerIdColumns.bind(statement, 4, key);
            });
    Jdbc.Binder lanes =
        statement -> {
          statement.setString(1, Lanes.toContactCenter(key));
          statement.setString(2, Lanes.toCustomer(key));
        };
    for (String table :
        List.of("outbox_entry", "dead_letter_outbox", "forwarded_message", "outbox_lane")) {
      deleted += Jdbc.update(connection, "DELETE FROM " + table + " WHERE lane IN (?, ?)", lanes);
    }
    deleted += traces.erase(key);
    return deleted;
  }

  @Override
  public int deleteForwardedMessagesBefore(Instant cutoff, int batch) {
    return deleteBefore(
        "DELETE FROM forwarded_message WHERE id IN (SELECT id FROM forwarded_message"
            + " WHERE kept_at < ? ORDER BY kept_at, id LIMIT ?)",
        cutoff,
        batch);
  }

  @Override
  public int deleteHeldMessagesBefore(Instant cutoff, int batch) {
    return deleteBefore(
        "DELETE FROM held_message WHERE id IN (SELECT id FROM held_message"
            + " WHERE held_at < ? ORDER BY held_at, id LIMIT ?)",
        cutoff,
        batch);
  }

  @Override
  public int deleteConversationsUnchangedBefore(Instant cutoff, int batch) {
    return deleteBefore(
        "DELETE FROM conversation WHERE (connection, customer_kind, customer_value) IN"
            + " (SELECT c.connection, c.customer_kind, c.customer_value FROM conversation c"
            + " WHERE c.updated_at < ? AND NOT EXISTS (SELECT 1 FROM held_message h"
            + " WHERE h.connection = c.connection AND h.customer_kind = c.customer_kind"
            + " AND h.customer_value = c.customer_value) ORDER BY c.updated_at LIMIT ?)",
        cutoff,
        batch);
  }

  @Override
  public int deleteContactsUnchangedBefore(Instant cutoff, int batch) {
    return deleteBefore(
        "DELETE FROM contact WHERE (connection, customer_kind, customer_value) IN"
            + " (SELECT connection, customer_kind, customer_value FROM contact"
            + " WHERE updated_at < ? ORDER BY updated_at LIMIT ?)",
        cutoff,
        batch);
  }

  @Override
  public int deleteLinksBefore(Instant cutoff, int batch) {
    return deleteBefore(
        "DELETE FROM customer_link WHERE (connection, customer_kind, customer_value) IN"
            + " (SELECT l.connection, l.customer_kind, l.customer_value FROM customer_link l"
            + " WHERE l.linked_at < ? AND NOT EXISTS (SELECT 1 FROM customer_link g"
            + " JOIN conversation c ON c.connection = g.connection"
            + " AND c.customer_kind = g.customer_kind AND c.customer_value = g.customer_value"
            + " WHERE g.connection = l.connection AND g.participant_kind = l.participant_kind"
            + " AND g.participant_value = l.participant_value) AND NOT EXISTS (SELECT 1"
            + " FROM conversation p WHERE p.connection = l.connection"
            + " AND p.customer_kind = l.participant_kind"
            + " AND p.customer_value = l.participant_value) ORDER BY l.linked_at LIMIT ?)",
        cutoff,
        batch);
  }

  @Override
  public int deleteTracesBefore(Instant cutoff, int batch) {
    return traces.deleteBefore(cutoff, batch);
  }

  private int deleteBefore(String sql, Instant cutoff, int batch) {
    Objects.requireNonNull(cutoff, "cutoff");
    if (batch < 1) {
      return 0;
    }
    return jdbc.inTransaction(
        connection ->
            Jdbc.update(
                connection,
                sql,
                statement -> {
                  Jdbc.setInstant(statement, 1, cutoff);
                  statement.setInt(2, batch);
                }));
  }
}
