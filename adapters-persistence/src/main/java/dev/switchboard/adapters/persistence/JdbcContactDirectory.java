package dev.switchboard.adapters.persistence;

import dev.switchboard.application.port.out.ContactDirectory;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.message.Customer;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Customers' profile names in table {@code contact}, by connection and customer id (kind and
 * value). A customer remembered without a name keeps the name known from earlier.
 */
@Singleton
public final class JdbcContactDirectory implements ContactDirectory {

  private final Jdbc jdbc;

  JdbcContactDirectory(Jdbc jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
  }

  @Override
  public void remember(ConnectionId on, Customer customer) {
    Objects.requireNonNull(on, "on");
    Objects.requireNonNull(customer, "customer");
    jdbc.defer(REMEMBERED, new Remembered(on, customer, jdbc.now()));
  }

  /** A customer to remember when the transaction commits. */
  private record Remembered(ConnectionId on, Customer customer, Instant at) {}

  /**
   * The customers a transaction remembered, written just before it commits: one batch of updates,
   * then inserts of the customers not known yet (else, when a concurrent transaction inserted one
   * first, updates after all).
   */
  private static final DeferredWrites.Kind<Remembered> REMEMBERED =
      new DeferredWrites.Kind<>() {
        private final Pattern table = DeferredWrites.Kind.naming("contact");

        @Override
        public Pattern table() {
          return table;
        }

        @Override
        public void write(Connection connection, List<Remembered> rows) throws SQLException {
          Jdbc.Step<Remembered> update =
              new Jdbc.Step<>(
                  "UPDATE contact SET display_name = COALESCE(?, display_name), updated_at = ?"
                      + " WHERE connection = ? AND customer_kind = ? AND customer_value = ?",
                  (statement, row) -> {
                    Jdbc.setText(statement, 1, row.customer().displayName());
                    Jdbc.setInstant(statement, 2, row.at());
                    CustomerIdColumns.bind(statement, 3, row.on(), row.customer().id());
                  });
          Jdbc.Step<Remembered> insert =
              new Jdbc.Step<>(
                  "INSERT INTO contact (connection, customer_kind, customer_value, display_name,"
                      + " updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                  (statement, row) -> {
                    CustomerIdColumns.bind(statement, 1, row.on(), row.customer().id());
                    Jdbc.setText(statement, 4, row.customer().displayName());
                    Jdbc.setInstant(statement, 5, row.at());
                  });
          Jdbc.writeEach(connection, rows, update, insert, update);
        }
      };

  @Override
  public Optional<Customer> find(ConnectionId on, CustomerId id) {
    Objects.requireNonNull(on, "on");
    Objects.requireNonNull(id, "id");
    return jdbc.inTransaction(
        connection ->
            Jdbc.query(
                    connection,
                    "SELECT display_name FROM contact"
                        + " WHERE connection = ? AND customer_kind = ? AND customer_value = ?",
                    statement -> CustomerIdColumns.bind(statement, 1, on, id),
                    results -> new Customer(id, results.getString("display_name")))
                .stream()
                .findFirst());
  }
}
