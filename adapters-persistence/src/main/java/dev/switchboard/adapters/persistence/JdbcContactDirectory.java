package dev.switchboard.adapters.persistence;

import dev.switchboard.application.port.out.ContactDirectory;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.message.Customer;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * Customers' profile names in table {@code contact}, by customer id (kind and value). A customer
 * remembered without a name keeps the name known from earlier.
 */
@Singleton
public final class JdbcContactDirectory implements ContactDirectory {

  private final Jdbc jdbc;

  JdbcContactDirectory(Jdbc jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
  }

  @Override
  public void remember(Customer customer) {
    Objects.requireNonNull(customer, "customer");
    jdbc.inTransaction(
        connection -> {
          // an upsert both databases share: update, else insert unless a concurrent one did
          if (update(connection, customer) == 0 && insert(connection, customer) == 0) {
            update(connection, customer);
          }
          return null;
        });
  }

  private int update(Connection connection, Customer customer) throws SQLException {
    return Jdbc.update(
        connection,
        "UPDATE contact SET display_name = COALESCE(?, display_name), updated_at = ?"
            + " WHERE customer_kind = ? AND customer_value = ?",
        statement -> {
          Jdbc.setText(statement, 1, customer.displayName());
          Jdbc.setInstant(statement, 2, jdbc.now());
          CustomerIdColumns.bind(statement, 3, customer.id());
        });
  }

  private int insert(Connection connection, Customer customer) throws SQLException {
    return Jdbc.update(
        connection,
        "INSERT INTO contact (customer_kind, customer_value, display_name, updated_at)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        statement -> {
          CustomerIdColumns.bind(statement, 1, customer.id());
          Jdbc.setText(statement, 3, customer.displayName());
          Jdbc.setInstant(statement, 4, jdbc.now());
        });
  }

  @Override
  public Optional<Customer> find(CustomerId id) {
    Objects.requireNonNull(id, "id");
    return jdbc.inTransaction(
        connection ->
            Jdbc.query(
                    connection,
                    "SELECT display_name FROM contact WHERE customer_kind = ? AND customer_value = ?",
                    statement -> CustomerIdColumns.bind(statement, 1, id),
                    results -> new Customer(id, results.getString("display_name")))
                .stream()
                .findFirst());
  }
}
