package dev.switchboard.adapters.persistence;

import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.delivery.Delivery;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.MessageOutcome;
import dev.switchboard.domain.delivery.StatusReport;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Deliveries in table {@code delivery}, by connection and channel message id, with the quick
 * replies their send offered (a JSON array, through the {@link OutboxCodec}) and whether it was the
 * last send of its message; and the status reports held for messages not known yet in {@code
 * held_status_report} (as JSON, through the {@link OutboxCodec}), released in the order the channel
 * says they happened; what became of each agent message as a whole in {@code message_outcome}.
 * Deliveries and outcomes are forgotten by when they last changed ({@code updated_at}, stamped by
 * every save), held reports by when they were held ({@code held_at}).
 */
@Singleton
public final class JdbcDeliveries implements Deliveries {

  private final Jdbc jdbc;
  private final OutboxCodec codec;

  JdbcDeliveries(Jdbc jdbc, OutboxCodec codec) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  @Override
  public void save(ConnectionId on, Delivery delivery) {
    Objects.requireNonNull(on, "on");
    Objects.requireNonNull(delivery, "delivery");
    jdbc.inTransaction(
        connection -> {
          Jdbc.upsert(connection, c -> update(c, on, delivery), c -> insert(c, on, delivery));
          return null;
        });
  }

  private int update(Connection connection, ConnectionId on, Delivery delivery)
      throws SQLException {
    return Jdbc.update(
        connection,
        "UPDATE delivery SET contact_center_message_id = ?, customer_kind = ?,"
            + " customer_value = ?, status = ?, offered_replies = ?, final_part = ?,"
            + " updated_at = ? WHERE connection = ? AND channel_message_id = ?",
        statement -> {
          statement.setString(1, delivery.contactCenterMessageId());
          CustomerIdColumns.bind(statement, 2, delivery.customer());
          statement.setString(4, delivery.status().name());
          statement.setString(5, codec.writeReplies(delivery.offeredReplies()));
          statement.setBoolean(6, delivery.finalPart());
          Jdbc.setInstant(statement, 7, jdbc.now());
          statement.setString(8, on.value());
          statement.setString(9, delivery.channelMessageId());
        });
  }

  private int insert(Connection connection, ConnectionId on, Delivery delivery)
      throws SQLException {
    return Jdbc.update(
        connection,
        "INSERT INTO delivery (connection, channel_message_id, contact_center_message_id,"
            + " customer_kind, customer_value, status, offered_replies, final_part, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        statement -> {
          statement.setString(1, on.value());
          statement.setString(2, delivery.channelMessageId());
          statement.setString(3, delivery.contactCenterMessageId());
          CustomerIdColumns.bind(statement, 4, delivery.customer());
          statement.setString(6, delivery.status().name());
          statement.setString(7, codec.writeReplies(delivery.offeredReplies()));
          statement.setBoolean(8, delivery.finalPart());
          Jdbc.setInstant(statement, 9, jdbc.now());
        });
  }

  @Override
  public Optional<Delivery> byChannelMessageId(ConnectionId on, String channelMessageId) {
    Objects.requireNonNull(on, "on");
    Objects.requireNonNull(channelMessageId, "channelMessageId");
    return jdbc.inTransaction(
        connection ->
            Jdbc.query(
                    connection,
                    "SELECT contact_center_message_id, customer_kind, customer_value, status,"
                        + " offered_replies, final_part FROM delivery"
                        + " WHERE connection = ? AND channel_message_id = ?",
                    statement -> {
                      statement.setString(1, on.value());
                      statement.setString(2, channelMessageId);
                    },
                    results ->
                        Delivery.restore(
                            results.getString("contact_center_message_id"),
                            channelMessageId,
                            CustomerIdColumns.read(results),
                            codec.readReplies(results.getString("offered_replies")),
                            results.getBoolean("final_part"),
                            DeliveryStatus.valueOf(results.getString("status"))))
                .stream()
                .findFirst());
  }

  @Override
  public Optional<MessageOutcome> outcome(ConnectionId on, String contactCenterMessageId) {
    Objects.requireNonNull(on, "on");
    Objects.requireNonNull(contactCenterMessageId, "contactCenterMessageId");
    return jdbc.inTransaction(
        connection ->
            Jdbc.query(
                    connection,
                    "SELECT customer_kind, customer_value, sends, delivered, last_sent, state"
                        + " FROM message_outcome"
                        + " WHERE connection = ? AND contact_center_message_id = ?",
                    statement -> {
                      statement.setString(1, on.value());
                      statement.setString(2, contactCenterMessageId);
                    },
                    results ->
                        MessageOutcome.restore(
                            contactCenterMessageId,
                            CustomerIdColumns.read(results),
                            results.getInt("sends"),
                            results.getInt("delivered"),
                            results.getBoolean("last_sent"),
                            MessageOutcome.State.valueOf(results.getString("state"))))
                .stream()
                .findFirst());
  }

  @Override
  public void saveOutcome(ConnectionId on, MessageOutcome outcome) {
    Objects.requireNonNull(on, "on");
    Objects.requireNonNull(outcome, "outcome");
    jdbc.inTransaction(
        connection -> {
          Jdbc.upsert(
              connection, c -> updateOutcome(c, on, outcome), c -> insertOutcome(c, on, outcome));
          return null;
        });
  }

  private int updateOutcome(Connection connection, ConnectionId on, MessageOutcome outcome)
      throws SQLException {
    return Jdbc.update(
        connection,
        "UPDATE message_outcome SET customer_kind = ?, customer_value = ?, sends = ?,"
            + " delivered = ?, last_sent = ?, state = ?, updated_at = ?"
            + " WHERE connection = ? AND contact_center_message_id = ?",
        statement -> {
          CustomerIdColumns.bind(statement, 1, outcome.customer());
          statement.setInt(3, outcome.sends());
          statement.setInt(4, outcome.delivered());
          statement.setBoolean(5, outcome.lastSent());
          statement.setString(6, outcome.state().name());
          Jdbc.setInstant(statement, 7, jdbc.now());
          statement.setString(8, on.value());
          statement.setString(9, outcome.contactCenterMessageId());
        });
  }

  private int insertOutcome(Connection connection, ConnectionId on, MessageOutcome outcome)
      throws SQLException {
    return Jdbc.update(
        connection,
        "INSERT INTO message_outcome (connection, contact_center_message_id, customer_kind,"
            + " customer_value, sends, delivered, last_sent, state, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        statement -> {
          statement.setString(1, on.value());
          statement.setString(2, outcome.contactCenterMessageId());
          CustomerIdColumns.bind(statement, 3, outcome.customer());
          statement.setInt(5, outcome.sends());
          statement.setInt(6, outcome.delivered());
          statement.setBoolean(7, outcome.lastSent());
          statement.setString(8, outcome.state().name());
          Jdbc.setInstant(statement, 9, jdbc.now());
        });
  }

  @Override
  public void hold(ConnectionId on, StatusReport report) {
    Objects.requireNonNull(on, "on");
    String json = codec.write(Objects.requireNonNull(report, "report"));
    jdbc.inTransaction(
        connection ->
            Jdbc.update(
                connection,
                "INSERT INTO held_status_report (connection, channel_message_id, reported_at,"
                    + " report, held_at) VALUES (?, ?, ?, ?, ?)",
                statement -> {
                  statement.setString(1, on.value());
                  statement.setString(2, report.channelMessageId());
                  Jdbc.setInstant(statement, 3, report.at());
                  statement.setString(4, json);
                  Jdbc.setInstant(statement, 5, jdbc.now());
                }));
  }

  @Override
  public List<StatusReport> releaseHeld(ConnectionId on, String channelMessageId) {
    Objects.requireNonNull(on, "on");
    Objects.requireNonNull(channelMessageId, "channelMessageId");
    return jdbc.inTransaction(
        connection -> {
          List<HeldReport> held =
              Jdbc.query(
                  connection,
                  "SELECT id, report FROM held_status_report"
                      + " WHERE connection = ? AND channel_message_id = ?"
                      + " ORDER BY reported_at, id FOR UPDATE",
                  statement -> {
                    statement.setString(1, on.value());
                    statement.setString(2, channelMessageId);
                  },
                  results -> new HeldReport(results.getLong("id"), results.getString("report")));
          for (HeldReport report : held) {
            Jdbc.update(
                connection,
                "DELETE FROM held_status_report WHERE id = ?",
                statement -> statement.setLong(1, report.id()));
          }
          return held.stream().map(report -> codec.readReport(report.json())).toList();
        });
  }

  /**
   * Deletes the oldest deliveries first, then the oldest message outcomes, then the oldest held
   * reports, up to {@code batch}.
   */
  @Override
  public int deleteChangedBefore(Instant cutoff, int batch) {
    Objects.requireNonNull(cutoff, "cutoff");
    if (batch < 1) {
      return 0;
    }
    return jdbc.inTransaction(
        connection -> {
          int deleted =
              Jdbc.update(
                  connection,
                  "DELETE FROM delivery WHERE (connection, channel_message_id) IN (SELECT"
                      + " connection, channel_message_id FROM delivery WHERE updated_at < ?"
                      + " ORDER BY updated_at LIMIT ?)",
                  statement -> {
                    Jdbc.setInstant(statement, 1, cutoff);
                    statement.setInt(2, batch);
                  });
          if (deleted < batch) {
            int left = batch - deleted;
            deleted +=
                Jdbc.update(
                    connection,
                    "DELETE FROM message_outcome WHERE (connection, contact_center_message_id) IN"
                        + " (SELECT connection, contact_center_message_id FROM message_outcome"
                        + " WHERE updated_at < ? ORDER BY updated_at LIMIT ?)",
                    statement -> {
                      Jdbc.setInstant(statement, 1, cutoff);
                      statement.setInt(2, left);
                    });
          }
          if (deleted < batch) {
            int left = batch - deleted;
            deleted +=
                Jdbc.update(
                    connection,
                    "DELETE FROM held_status_report WHERE id IN (SELECT id"
                        + " FROM held_status_report WHERE held_at < ? ORDER BY held_at, id LIMIT ?)",
                    statement -> {
                      Jdbc.setInstant(statement, 1, cutoff);
                      statement.setInt(2, left);
                    });
          }
          return deleted;
        });
  }

  private record HeldReport(long id, String json) {}
}
