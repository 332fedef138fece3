package dev.switchboard.adapters.persistence;

import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.port.out.DeadLetters;
import jakarta.inject.Singleton;
import java.util.Objects;

/**
 * Dead letters in tables {@code dead_letter_webhook} (source, raw bytes, reception time) and {@code
 * dead_letter_outbox} (lane, item as JSON, attempts), each with its reason and when it was given
 * up; part of the caller's transaction.
 */
@Singleton
public final class JdbcDeadLetters implements DeadLetters {

  private static final int MAX_REASON_LENGTH = 10_000;

  private final Jdbc jdbc;
  private final OutboxCodec codec;

  JdbcDeadLetters(Jdbc jdbc, OutboxCodec codec) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  @Override
  public void addWebhook(RawWebhook webhook, String reason) {
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(reason, "reason");
    jdbc.inTransaction(
        connection ->
            Jdbc.update(
                connection,
                "INSERT INTO dead_letter_webhook (source, body, received_at, reason, dead_at)"
                    + " VALUES (?, ?, ?, ?, ?)",
                statement -> {
                  statement.setString(1, webhook.source().name());
                  statement.setBytes(2, webhook.body());
                  Jdbc.setInstant(statement, 3, webhook.receivedAt());
                  statement.setString(4, Jdbc.clip(reason, MAX_REASON_LENGTH));
                  Jdbc.setInstant(statement, 5, jdbc.now());
                }));
  }

  @Override
  public void addOutboxEntry(OutboxEntry entry, String reason) {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(reason, "reason");
    String item = codec.write(entry.item());
    jdbc.inTransaction(
        connection ->
            Jdbc.update(
                connection,
                "INSERT INTO dead_letter_outbox"
                    + " (entry_id, lane, item, failed_attempts, enqueued_at, reason, dead_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                statement -> {
                  statement.setLong(1, entry.id());
                  statement.setString(2, entry.lane());
                  statement.setString(3, item);
                  statement.setInt(4, entry.failedAttempts());
                  Jdbc.setInstant(statement, 5, entry.enqueuedAt());
                  statement.setString(6, Jdbc.clip(reason, MAX_REASON_LENGTH));
                  Jdbc.setInstant(statement, 7, jdbc.now());
                }));
  }
}
