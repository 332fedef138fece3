package dev.switchboard.adapters.persistence;

import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.domain.delivery.Delivery;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.StatusReport;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Deliveries in table {@code delivery}, by channel message id, with the quick replies their send
 * offered (a JSON array, through the {@link OutboxCodec}) and whether it was the last send of its
 * message; and the status reports held for messages not known yet in {@code held_status_report} (as
 * JSON, through the {@link OutboxCodec}), released in the order the channel says they happened.
 * Deliveries are forgotten by when they last changed ({@code updated_at}, stamped by every save),
 * held reports by when they were held ({@code held_at}).
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
  public void save(Delivery delivery) {
    Objects.requireNonNull(delivery, "delivery");
    jdbc.inTransaction(
        connection -> {
          // an upsert both databases share: update, else insert unless a concurrent one did
          if (update(connection, delivery) == 0 && insert(connection, delivery) == 0) {
            update(connection, delivery);
          }
          return null;
        });
  }

  private int update(Connection connection, Delivery delivery) throws SQLException {
    return Jdbc.update(
        connection,
        "UPDATE delivery SET contact_center_message_id = ?, customer_kind = ?,"
            + " customer_value = ?, status = ?, offered_replies = ?, final_part = ?,"
            + " updated_at = ? WHERE channel_message_id = ?",
        statement -> {
          statement.setString(1, delivery.contactCenterMessageId());
          CustomerIdColumns.bind(statement, 2, delivery.customer());
          statement.setString(4, delivery.status().name());
          statement.setString(5, codec.writeReplies(delivery.offeredReplies()));
          statement.setBoolean(6, delivery.finalPart());
          Jdbc.setInstant(statement, 7, jdbc.now());
          statement.setString(8, delivery.channelMessageId());
        });
  }

  private int insert(Connection connection, Delivery delivery) throws SQLException {
    return Jdbc.update(
        connection,
        "INSERT INTO delivery (channel_message_id, contact_center_message_id, customer_kind,"
            + " customer_value, status, offered_replies, final_part, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        statement -> {
          statement.setString(1, delivery.channelMessageId());
          statement.setString(2, delivery.contactCenterMessageId());
          CustomerIdColumns.bind(statement, 3, delivery.customer());
          statement.setString(5, delivery.status().name());
          statement.setString(6, codec.writeReplies(delivery.offeredReplies()));
          statement.setBoolean(7, delivery.finalPart());
          Jdbc.setInstant(statement, 8, jdbc.now());
        });
  }

  @Override
  public Optional<Delivery> byChannelMessageId(String channelMessageId) {
    Objects.requireNonNull(channelMessageId, "channelMessageId");
    return jdbc.inTransaction(
        connection ->
            Jdbc.query(
                    connection,
                    "SELECT contact_center_message_id, customer_kind, customer_value, status,"
                        + " offered_replies, final_part FROM delivery WHERE channel_message_id = ?",
                    statement -> statement.setString(1, channelMessageId),
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
  public void hold(StatusReport report) {
    String json = codec.write(Objects.requireNonNull(report, "report"));
    jdbc.inTransaction(
        connection ->
            Jdbc.update(
                connection,
                "INSERT INTO held_status_report (channel_message_id, reported_at, report, held_at)"
                    + " VALUES (?, ?, ?, ?)",
                statement -> {
                  statement.setString(1, report.channelMessageId());
                  Jdbc.setInstant(statement, 2, report.at());
                  statement.setString(3, json);
                  Jdbc.setInstant(statement, 4, jdbc.now());
                }));
  }

  @Override
  public List<StatusReport> releaseHeld(String channelMessageId) {
    Objects.requireNonNull(channelMessageId, "channelMessageId");
    return jdbc.inTransaction(
        connection -> {
          List<HeldReport> held =
              Jdbc.query(
                  connection,
                  "SELECT id, report FROM held_status_report WHERE channel_message_id = ?"
                      + " ORDER BY reported_at, id FOR UPDATE",
                  statement -> statement.setString(1, channelMessageId),
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

  /** Deletes the oldest deliveries first, then the oldest held reports, up to {@code batch}. */
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
                  "DELETE FROM delivery WHERE channel_message_id IN (SELECT channel_message_id"
                      + " FROM delivery WHERE updated_at < ? ORDER BY updated_at LIMIT ?)",
                  statement -> {
                    Jdbc.setInstant(statement, 1, cutoff);
                    statement.setInt(2, batch);
                  });
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
