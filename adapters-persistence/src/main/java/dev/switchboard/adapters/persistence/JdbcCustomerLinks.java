package dev.switchboard.adapters.persistence;

import dev.switchboard.application.port.out.CustomerLinks;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The links between a customer's ids in table {@code customer_link}: one row per connection and id,
 * naming the participant it is linked to.
 *
 * <p>Two messages of one customer may be handled at once under different ids: when an insert finds
 * the id linked by a transaction that committed meanwhile, the participant is worked out again from
 * what is now stored, so that neither overwrites the other's link with a participant of its own.
 */
@Singleton
public final class JdbcCustomerLinks implements CustomerLinks {

  private static final int ATTEMPTS = 5;

  private final Jdbc jdbc;

  JdbcCustomerLinks(Jdbc jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
  }

  @Override
  public CustomerId participant(ConnectionId on, CustomerId id, List<CustomerId> others) {
    Objects.requireNonNull(on, "on");
    Objects.requireNonNull(id, "id");
    List<CustomerId> ids = new ArrayList<>();
    ids.add(id);
    others.stream()
        .filter(Objects::nonNull)
        .filter(other -> !ids.contains(other))
        .forEach(ids::add);
    return jdbc.inTransaction(
        connection -> {
          for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<CustomerId> participant = link(connection, on, ids);
            if (participant.isPresent()) {
              return participant.get();
            }
          }
          throw new IllegalStateException(
              "the links of customer " + id.masked() + " kept changing under concurrent messages");
        });
  }

  /** Links every id to the participant; nothing when another transaction linked one meanwhile. */
  private Optional<CustomerId> link(Connection connection, ConnectionId on, List<CustomerId> ids)
      throws SQLException {
    // each id is looked up once: a message names one or two
    Map<CustomerId, Optional<CustomerId>> earlierOf = new LinkedHashMap<>();
    for (CustomerId id : ids) {
      earlierOf.put(id, participantOf(connection, on, id));
    }
    CustomerId participant =
        earlierOf.values().stream().flatMap(Optional::stream).findFirst().orElse(ids.get(0));
    for (CustomerId id : ids) {
      Optional<CustomerId> earlier = earlierOf.get(id);
      if (earlier.isEmpty()) {
        if (insert(connection, on, id, participant) == 0) {
          return Optional.empty();
        }
      } else if (!earlier.get().equals(participant)) {
        move(connection, on, earlier.get(), participant);
      }
    }
    return Optional.of(participant);
  }

  @Override
  public Set<CustomerId> linkedWith(ConnectionId on, List<CustomerId> ids) {
    Objects.requireNonNull(on, "on");
    return jdbc.inTransaction(
        connection -> {
          Set<CustomerId> linked = new HashSet<>();
          for (CustomerId id : ids) {
            Optional<CustomerId> participant = participantOf(connection, on, id);
            if (participant.isPresent() && linked.add(participant.get())) {
              linked.addAll(linkedTo(connection, on, participant.get()));
            }
          }
          return linked;
        });
  }

  private static List<CustomerId> linkedTo(
      Connection connection, ConnectionId on, CustomerId participant) throws SQLException {
    return Jdbc.query(
        connection,
        "SELECT customer_kind, customer_value FROM customer_link"
            + " WHERE connection = ? AND participant_kind = ? AND participant_value = ?",
        statement -> CustomerIdColumns.bind(statement, 1, on, participant),
        CustomerIdColumns::read);
  }

  private static Optional<CustomerId> participantOf(
      Connection connection, ConnectionId on, CustomerId id) throws SQLException {
    return Jdbc.query(
            connection,
            "SELECT participant_kind AS customer_kind, participant_value AS customer_value"
                + " FROM customer_link"
                + " WHERE connection = ? AND customer_kind = ? AND customer_value = ?",
            statement -> CustomerIdColumns.bind(statement, 1, on, id),
            CustomerIdColumns::read)
        .stream()
        .findFirst();
  }

  private int insert(Connection connection, ConnectionId on, CustomerId id, CustomerId participant)
      throws SQLException {
    return Jdbc.update(
        connection,
        "INSERT INTO customer_link (connection, customer_kind, customer_value, participant_kind,"
            + " participant_value, linked_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        statement -> {
          CustomerIdColumns.bind(statement, 1, on, id);
          CustomerIdColumns.bind(statement, 4, participant);
          Jdbc.setInstant(statement, 6, jdbc.now());
        });
  }

  /** Links every id linked to {@code from} to {@code to}. */
  private void move(Connection connection, ConnectionId on, CustomerId from, CustomerId to)
      throws SQLException {
    Jdbc.update(
        connection,
        "UPDATE customer_link SET participant_kind = ?, participant_value = ?, linked_at = ?"
            + " WHERE connection = ? AND participant_kind = ? AND participant_value = ?",
        statement -> {
          CustomerIdColumns.bind(statement, 1, to);
          Jdbc.setInstant(statement, 3, jdbc.now());
          statement.setString(4, on.value());
          CustomerIdColumns.bind(statement, 5, from);
        });
  }
}
