package dev.switchboard.adapters.persistence;

import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.port.out.ForwardedMessages;
import dev.switchboard.domain.channel.ConnectionId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Customers' messages kept until the contact center reports on them, in table {@code
 * forwarded_message}: one row per connection and message id (the wamid or Telegram key), holding
 * the outbox item as the outbox stores it ({@link OutboxCodec}) and its lane. Rows whose report
 * never came are deleted with the dedupe retention ({@link JdbcCustomerRecords}), and with the
 * customer's other data on erasure (by lane).
 */
@Singleton
public final class JdbcForwardedMessages implements ForwardedMessages {

  private final Jdbc jdbc;
  private final OutboxCodec codec;

  JdbcForwardedMessages(Jdbc jdbc, OutboxCodec codec) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  @Override
  public void keep(String lane, OutboxItem.ForwardToContactCenter forwarding) {
    Objects.requireNonNull(lane, "lane");
    String json = codec.write(Objects.requireNonNull(forwarding, "forwarding"));
    jdbc.defer(
        KEPT,
        new Kept(
            forwarding.connection().value(),
            forwarding.message().channelMessageId(),
            lane,
            json,
            jdbc.now()));
  }

  /** A copy to keep when its transaction commits. */
  private record Kept(
      String connection, String messageId, String lane, String item, Instant keptAt) {}

  /**
   * The copies a transaction kept, written just before it commits: a message is kept once but for a
   * replay, so one batch of inserts nearly always does it; the rows already there are updated.
   */
  private static final DeferredWrites.Kind<Kept> KEPT =
      new DeferredWrites.Kind<>() {
        private final Pattern table = DeferredWrites.Kind.naming("forwarded_message");

        @Override
        public Pattern table() {
          return table;
        }

        @Override
        public void write(Connection connection, List<Kept> rows) throws SQLException {
          Jdbc.Step<Kept> insert =
              new Jdbc.Step<>(
                  "INSERT INTO forwarded_message"
                      + " (connection, message_id, lane, item, kept_at) VALUES (?, ?, ?, ?, ?)"
                      + " ON CONFLICT DO NOTHING",
                  (statement, row) -> {
                    statement.setString(1, row.connection());
                    statement.setString(2, row.messageId());
                    statement.setString(3, row.lane());
                    statement.setString(4, row.item());
                    Jdbc.setInstant(statement, 5, row.keptAt());
                  });
          Jdbc.Step<Kept> update =
              new Jdbc.Step<>(
                  "UPDATE forwarded_message SET lane = ?, item = ?, kept_at = ?"
                      + " WHERE connection = ? AND message_id = ?",
                  (statement, row) -> {
                    statement.setString(1, row.lane());
                    statement.setString(2, row.item());
                    Jdbc.setInstant(statement, 3, row.keptAt());
                    statement.setString(4, row.connection());
                    statement.setString(5, row.messageId());
                  });
          // else, when a concurrent transaction deleted the row meanwhile, inserted after all
          Jdbc.writeEach(connection, rows, insert, update, insert);
        }
      };

  @Override
  public Optional<OutboxEntry> take(ConnectionId connection, List<String> messageIds) {
    Objects.requireNonNull(connection, "connection");
    return jdbc.inTransaction(
        c -> {
          for (String messageId : messageIds) {
            List<OutboxEntry> found =
                Jdbc.query(
                    c,
                    "SELECT id, lane, item, kept_at FROM forwarded_message"
                        + " WHERE connection = ? AND message_id = ? FOR UPDATE",
                    statement -> {
                      statement.setString(1, connection.value());
                      statement.setString(2, messageId);
                    },
                    results ->
                        new OutboxEntry(
                            results.getLong("id"),
                            results.getString("lane"),
                            codec.readItem(results.getString("item")),
                            0,
                            Jdbc.getInstant(results, "kept_at")));
            if (!found.isEmpty()) {
              OutboxEntry entry = found.get(0);
              Jdbc.update(
                  c,
                  "DELETE FROM forwarded_message WHERE id = ?",
                  statement -> statement.setLong(1, entry.id()));
              return Optional.of(entry);
            }
          }
          return Optional.<OutboxEntry>empty();
        });
  }
}
