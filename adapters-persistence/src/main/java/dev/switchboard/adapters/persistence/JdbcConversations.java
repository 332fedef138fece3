package dev.switchboard.adapters.persistence;

import dev.switchboard.application.port.out.Conversations;
import dev.switchboard.domain.conversation.Conversation;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.conversation.MessageWindow;
import dev.switchboard.domain.customer.ReplyRoute;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * Conversations in table {@code conversation}, one row per connection and customer. {@link #lock}
 * holds the row {@code FOR UPDATE} until the caller's transaction ends, inserting it first when it
 * is missing ({@code ON CONFLICT DO NOTHING}, so two first messages of a new customer never
 * collide). The row is looked for before it is inserted: H2 answers a conflicting insert with an
 * exception inside, which cost more than the rest of a message's processing.
 */
@Singleton
public final class JdbcConversations implements Conversations {

  private final Jdbc jdbc;

  JdbcConversations(Jdbc jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
  }

  @Override
  public Conversation lock(ConversationKey key) {
    Objects.requireNonNull(key, "key");
    return jdbc.inTransaction(
        connection -> {
          List<Conversation> rows = selectForUpdate(connection, key);
          if (rows.isEmpty()) {
            insertIfAbsent(connection, key);
            rows = selectForUpdate(connection, key);
          }
          return rows.get(0);
        });
  }

  private static List<Conversation> selectForUpdate(Connection connection, ConversationKey key)
      throws SQLException {
    return Jdbc.query(
        connection,
        "SELECT last_customer_message_at, reply_route, last_customer_message_id"
            + " FROM conversation WHERE connection = ? AND customer_kind = ? AND customer_value = ?"
            + " FOR UPDATE",
        statement -> CustomerIdColumns.bind(statement, 1, key),
        results -> {
          String route = results.getString("reply_route");
          return Conversation.restore(
              key,
              new MessageWindow(Jdbc.getInstant(results, "last_customer_message_at")),
              route == null ? null : new ReplyRoute(route),
              results.getString("last_customer_message_id"));
        });
  }

  @Override
  public void save(Conversation conversation) {
    Objects.requireNonNull(conversation, "conversation");
    jdbc.inTransaction(
        connection -> {
          if (update(connection, conversation) == 0) {
            insertIfAbsent(connection, conversation.key());
            update(connection, conversation);
          }
          return null;
        });
  }

  private static int update(Connection connection, Conversation conversation) throws SQLException {
    return Jdbc.update(
        connection,
        "UPDATE conversation SET last_customer_message_at = ?, reply_route = ?,"
            + " last_customer_message_id = ?"
            + " WHERE connection = ? AND customer_kind = ? AND customer_value = ?",
        statement -> {
          Jdbc.setInstant(statement, 1, conversation.window().lastCustomerMessageAt());
          Jdbc.setText(statement, 2, conversation.route().map(ReplyRoute::value).orElse(null));
          Jdbc.setText(statement, 3, conversation.lastCustomerMessageId().orElse(null));
          CustomerIdColumns.bind(statement, 4, conversation.key());
        });
  }

  private static void insertIfAbsent(Connection connection, ConversationKey key)
      throws SQLException {
    Jdbc.update(
        connection,
        "INSERT INTO conversation (connection, customer_kind, customer_value) VALUES (?, ?, ?)"
            + " ON CONFLICT DO NOTHING",
        statement -> CustomerIdColumns.bind(statement, 1, key));
  }
}
