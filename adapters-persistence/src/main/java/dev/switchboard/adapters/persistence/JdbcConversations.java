package dev.switchboard.adapters.persistence;

import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.port.out.Conversations;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.Conversation;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.conversation.HeldMessage;
import dev.switchboard.domain.conversation.MessageWindow;
import dev.switchboard.domain.conversation.NumberedOffer;
import dev.switchboard.domain.customer.ReplyRoute;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Conversations in table {@code conversation}, one row per connection and customer, with what each
 * awaits from the customer (options offered as numbers as a JSON array, through the {@link
 * OutboxCodec}); the agents' messages held until the customer writes in {@code held_message}, in
 * the order they were held (each as the JSON of the send it becomes). {@link #lock} holds the row
 * {@code FOR UPDATE} until the caller's transaction ends, inserting it first when it is missing
 * ({@code ON CONFLICT DO NOTHING}, so two first messages of a new customer never collide). The row
 * is looked for before it is inserted: H2 answers a conflicting insert with an exception inside,
 * which cost more than the rest of a message's processing.
 */
@Singleton
public final class JdbcConversations implements Conversations {

  private final Jdbc jdbc;
  private final OutboxCodec codec;

  JdbcConversations(Jdbc jdbc, OutboxCodec codec) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.codec = Objects.requireNonNull(codec, "codec");
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

  private List<Conversation> selectForUpdate(Connection connection, ConversationKey key)
      throws SQLException {
    return Jdbc.query(
        connection,
        "SELECT last_customer_message_at, reply_route, last_customer_message_id,"
            + " numbered_offer_message_id, numbered_offer_options, reengaged_at, held_since"
            + " FROM conversation WHERE connection = ? AND customer_kind = ? AND customer_value = ?"
            + " FOR UPDATE",
        statement -> CustomerIdColumns.bind(statement, 1, key),
        results -> {
          String route = results.getString("reply_route");
          String offeredBy = results.getString("numbered_offer_message_id");
          NumberedOffer offer =
              offeredBy == null
                  ? null
                  : new NumberedOffer(
                      offeredBy, codec.readReplies(results.getString("numbered_offer_options")));
          return Conversation.restore(
              key,
              new MessageWindow(Jdbc.getInstant(results, "last_customer_message_at")),
              route == null ? null : new ReplyRoute(route),
              results.getString("last_customer_message_id"),
              new Conversation.Awaiting(
                  offer,
                  Jdbc.getInstant(results, "reengaged_at"),
                  Jdbc.getInstant(results, "held_since")));
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

  private int update(Connection connection, Conversation conversation) throws SQLException {
    Conversation.Awaiting awaiting = conversation.awaiting();
    NumberedOffer offer = awaiting.numberedOffer();
    return Jdbc.update(
        connection,
        "UPDATE conversation SET last_customer_message_at = ?, reply_route = ?,"
            + " last_customer_message_id = ?, numbered_offer_message_id = ?,"
            + " numbered_offer_options = ?, reengaged_at = ?, held_since = ?, updated_at = ?"
            + " WHERE connection = ? AND customer_kind = ? AND customer_value = ?",
        statement -> {
          Jdbc.setInstant(statement, 1, conversation.window().lastCustomerMessageAt());
          Jdbc.setText(statement, 2, conversation.route().map(ReplyRoute::value).orElse(null));
          Jdbc.setText(statement, 3, conversation.lastCustomerMessageId().orElse(null));
          Jdbc.setText(statement, 4, offer == null ? null : offer.contactCenterMessageId());
          Jdbc.setText(statement, 5, offer == null ? null : codec.writeReplies(offer.options()));
          Jdbc.setInstant(statement, 6, awaiting.reengagedAt());
          Jdbc.setInstant(statement, 7, awaiting.heldSince());
          Jdbc.setInstant(statement, 8, jdbc.now());
          CustomerIdColumns.bind(statement, 9, conversation.key());
        });
  }

  @Override
  public void hold(ConversationKey key, HeldMessage message) {
    Objects.requireNonNull(key, "key");
    String json =
        codec.write(new OutboxItem.SendToCustomer(key.connection(), message.message(), null, true));
    jdbc.inTransaction(
        connection ->
            Jdbc.update(
                connection,
                "INSERT INTO held_message (connection, customer_kind, customer_value, message,"
                    + " held_at) VALUES (?, ?, ?, ?, ?)",
                statement -> {
                  CustomerIdColumns.bind(statement, 1, key);
                  statement.setString(4, json);
                  Jdbc.setInstant(statement, 5, message.heldAt());
                }));
  }

  @Override
  public List<HeldMessage> takeHeld(ConversationKey key, Instant heldBefore) {
    Objects.requireNonNull(key, "key");
    Instant before = heldBefore == null ? Instant.MAX : heldBefore;
    return jdbc.inTransaction(
        connection -> {
          List<Held> held =
              Jdbc.query(
                  connection,
                  "SELECT id, message, held_at FROM held_message WHERE connection = ?"
                      + " AND customer_kind = ? AND customer_value = ? ORDER BY id FOR UPDATE",
                  statement -> CustomerIdColumns.bind(statement, 1, key),
                  results ->
                      new Held(
                          results.getLong("id"),
                          results.getString("message"),
                          Jdbc.getInstant(results, "held_at")));
          List<HeldMessage> taken = new ArrayList<>();
          for (Held message : held) {
            if (message.heldAt().isBefore(before)) {
              Jdbc.update(
                  connection,
                  "DELETE FROM held_message WHERE id = ?",
                  statement -> statement.setLong(1, message.id()));
              OutboxItem.SendToCustomer send =
                  (OutboxItem.SendToCustomer) codec.readItem(message.json());
              taken.add(new HeldMessage(send.message(), message.heldAt()));
            }
          }
          return taken;
        });
  }

  @Override
  public List<ConversationKey> holdingSince(ConnectionId on, Instant at, int limit) {
    Objects.requireNonNull(on, "on");
    Objects.requireNonNull(at, "at");
    return jdbc.inTransaction(
        connection ->
            Jdbc.query(
                connection,
                "SELECT customer_kind, customer_value FROM held_message"
                    + " WHERE connection = ? AND held_at < ?"
                    + " GROUP BY customer_kind, customer_value ORDER BY MIN(held_at) LIMIT ?",
                statement -> {
                  statement.setString(1, on.value());
                  Jdbc.setInstant(statement, 2, at);
                  statement.setInt(3, limit);
                },
                results -> new ConversationKey(on, CustomerIdColumns.read(results))));
  }

  private record Held(long id, String json, Instant heldAt) {}

  private static void insertIfAbsent(Connection connection, ConversationKey key)
      throws SQLException {
    Jdbc.update(
        connection,
        "INSERT INTO conversation (connection, customer_kind, customer_value) VALUES (?, ?, ?)"
            + " ON CONFLICT DO NOTHING",
        statement -> CustomerIdColumns.bind(statement, 1, key));
  }
}
