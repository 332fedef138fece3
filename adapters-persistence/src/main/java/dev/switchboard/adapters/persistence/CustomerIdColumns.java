package dev.switchboard.adapters.persistence;

import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.customer.PhoneNumber;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Stores a customer id in two columns: its kind ({@code phone}, {@code opaque}) and its value; and
 * a conversation's key in three: the connection, then the customer's two.
 */
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

  /** Binds connection, kind and value at {@code index} to {@code index + 2}. */
  static void bind(PreparedStatement statement, int index, ConversationKey key)
      throws SQLException {
    statement.setString(index, key.connection().value());
    bind(statement, index + 1, key.customer());
  }

  /** Binds connection and customer at {@code index} to {@code index + 2}. */
  static void bind(PreparedStatement statement, int index, ConnectionId connection, CustomerId id)
      throws SQLException {
    bind(statement, index, new ConversationKey(connection, id));
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
