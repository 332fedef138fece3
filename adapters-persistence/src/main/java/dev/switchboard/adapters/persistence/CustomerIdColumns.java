package dev.switchboard.adapters.persistence;

import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.customer.PhoneNumber;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Stores a customer id in two columns: its kind ({@code phone}, {@code opaque}) and its value. */
final class CustomerIdColumns {

  static final String PHONE = "phone";
  static final String OPAQUE = "opaque";

  private CustomerIdColumns() {}

  /** The kind column's value. */
  static String kind(CustomerId id) {
    if (id instanceof CustomerId.Phone) {
      return PHONE;
    }
    if (id instanceof CustomerId.Opaque) {
      return OPAQUE;
    }
    throw new IllegalStateException("no column kind for " + id.getClass().getName());
  }

  /** Binds kind and value at {@code index} and {@code index + 1}. */
  static void bind(PreparedStatement statement, int index, CustomerId id) throws SQLException {
    statement.setString(index, kind(id));
    statement.setString(index + 1, id.value());
  }

  /** Reads the id from {@code customer_kind} and {@code customer_value}. */
  static CustomerId read(ResultSet results) throws SQLException {
    String kind = results.getString("customer_kind");
    String value = results.getString("customer_value");
    if (PHONE.equals(kind)) {
      return new CustomerId.Phone(new PhoneNumber(value));
    }
    if (OPAQUE.equals(kind)) {
      return new CustomerId.Opaque(value);
    }
    throw new IllegalStateException("unknown customer kind " + kind);
  }
}
