package dev.switchboard.adapters.persistence;

import dev.switchboard.application.port.out.ContactDirectory;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.message.Customer;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

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
    jdbc.inTransaction(
        connection -> {
          Jdbc.upsert(connection, c -> update(c, on, customer), c -> insert(c, on, customer));
          return null;
        });
  }

  private int update(Connection connection, ConnectionId on, Customer customer)
      throws SQLException {
    return Jdbc.update(
        connection,
        "UPDATE contact SET display_name = COALESCE(?, display_name), updated_at = ?"
            + " WHERE connection = ? AND customer_kind = ? AND customer_value = ?",
        statement -> {
          Jdbc.setText(statement, 1, customer.displayName());
          Jdbc.setInstant(statement, 2, jdbc.now());
          CustomerIdColumns.bind(statement, 3, on, customer.id());
        });
  }

  private int insert(Connection connection, ConnectionId on, Customer customer)
      throws SQLException {
    return Jdbc.update(
        connection,
        "INSERT INTO contact (connection, customer_kind, customer_value, display_name,"
            + " updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        statement -> {
          CustomerIdColumns.bind(statement, 1, on, customer.id());
          Jdbc.setText(statement, 4, customer.displayName());
          Jdbc.setInstant(statement, 5, jdbc.now());
        });
  }

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
