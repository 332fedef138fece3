package dev.switchboard.adapters.persistence;

import dev.switchboard.application.pipeline.InboxEvent;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.out.Inbox;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;

/**
 * The inbox in table {@code inbox_event}: each webhook's raw bytes, committed in a transaction of
 * its own before {@link #append} returns. On PostgreSQL the commit is on disk (with the default
 * {@code synchronous_commit}); on H2 it is written through to the file when the database runs with
 * {@code WRITE_DELAY=0}, which {@link EmbeddedDatabaseCheck} insists on.
 *
 * <p>The inbox of the embedded mode only ({@code switchboard.queue=embedded}, the default); with
 * {@code switchboard.queue=rabbitmq} the inbox is {@link
 * dev.switchboard.adapters.persistence.rabbitmq.RabbitMqInbox}.
 */
@Singleton
@Requires(property = "switchboard.queue", value = "embedded", defaultValue = "embedded")
public final class JdbcInbox implements Inbox {

  private final Jdbc jdbc;

  JdbcInbox(Jdbc jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
  }

  @Override
  public void append(RawWebhook webhook) {
    Objects.requireNonNull(webhook, "webhook");
    jdbc.inNewTransaction(
        connection ->
            Jdbc.update(
                connection,
                "INSERT INTO inbox_event (source, body, received_at) VALUES (?, ?, ?)",
                statement -> {
                  statement.setString(1, webhook.source().name());
                  statement.setBytes(2, webhook.body());
                  Jdbc.setInstant(statement, 3, webhook.receivedAt());
                }));
  }

  @Override
  public List<InboxEvent> oldest(int max) {
    if (max < 1) {
      return List.of();
    }
    return jdbc.inTransaction(
        connection ->
            Jdbc.query(
                connection,
                "SELECT id, source, body, received_at, failed_attempts FROM inbox_event"
                    + " ORDER BY id LIMIT ?",
                statement -> statement.setInt(1, max),
                results ->
                    new InboxEvent(
                        results.getLong("id"),
                        new RawWebhook(
                            WebhookSource.valueOf(results.getString("source")),
                            results.getBytes("body"),
                            Jdbc.getInstant(results, "received_at")),
                        results.getInt("failed_attempts"))));
  }

  @Override
  public void remove(long id) {
    jdbc.inTransaction(
        connection ->
            Jdbc.update(
                connection,
                "DELETE FROM inbox_event WHERE id = ?",
                statement -> statement.setLong(1, id)));
  }

  @Override
  public void recordFailedAttempt(long id) {
    jdbc.inTransaction(
        connection ->
            Jdbc.update(
                connection,
                "UPDATE inbox_event SET failed_attempts = failed_attempts + 1 WHERE id = ?",
                statement -> statement.setLong(1, id)));
  }

  @Override
  public long backlog() {
    return jdbc.inTransaction(
        connection -> Jdbc.count(connection, "SELECT COUNT(*) FROM inbox_event"));
  }
}
