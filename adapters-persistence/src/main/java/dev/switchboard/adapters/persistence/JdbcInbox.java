package dev.switchboard.adapters.persistence;

import dev.switchboard.application.pipeline.InboxEvent;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.port.out.PolledInbox;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * The inbox in table {@code inbox_event}: each webhook's raw bytes, committed before the stage
 * {@link #append} returns completes. Appends are committed together ({@link GroupCommit}): one
 * writer thread inserts whatever is waiting, up to {@value InboxWriter#MAX_BATCH} webhooks or about
 * {@value InboxWriter#MAX_BATCH_BYTES} bytes, in one transaction, so that under load one commit
 * (one write of H2's file, one WAL flush of PostgreSQL) serves many webhooks, and a lone webhook is
 * committed at once. The single writer also makes the ids follow the acceptance order. On
 * PostgreSQL the commit is on disk (with the default {@code synchronous_commit}); on H2 it is
 * written through to the file when the database runs with {@code WRITE_DELAY=0}, which {@link
 * EmbeddedDatabaseCheck} insists on.
 *
 * <p>The inbox of the embedded queue ({@code switchboard.queue=embedded}, the default) on a
 * database other than an H2 file database (PostgreSQL: everything stays in PostgreSQL); on an H2
 * file database the inbox is the {@link JournalInbox}, and with {@code switchboard.queue=rabbitmq}
 * it is the broker's ({@code RabbitMqInbox} in module {@code adapters-rabbitmq}).
 */
@Singleton
@Requires(property = "switchboard.queue", value = "embedded", defaultValue = "embedded")
@Requires(condition = EmbeddedDatabase.Table.class)
public final class JdbcInbox implements PolledInbox {

  private static final String INSERT =
      "INSERT INTO inbox_event (source, body, received_at) VALUES (?, ?, ?)";

  private final Jdbc jdbc;
  private final GroupCommit<RawWebhook> writer;

  JdbcInbox(Jdbc jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.writer = InboxWriter.start(this::insertAll);
  }

  @Override
  public CompletionStage<Void> append(RawWebhook webhook) {
    return writer.submit(Objects.requireNonNull(webhook, "webhook"));
  }

  private void insertAll(List<RawWebhook> webhooks) {
    jdbc.inNewTransaction(
        connection -> {
          try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (RawWebhook webhook : webhooks) {
              insert.setString(1, StoredSources.write(webhook.source()));
              insert.setBytes(2, webhook.body());
              Jdbc.setInstant(insert, 3, webhook.receivedAt());
              insert.addBatch();
            }
            insert.executeBatch();
          }
          return null;
        });
  }

  /** Commits what was appended so far; later appends fail. */
  @PreDestroy
  void close() throws InterruptedException {
    writer.close();
  }

  @Override
  public List<InboxEvent> oldest(int max) {
    return oldestRows(jdbc, max);
  }

  /** Up to {@code max} of the oldest rows of {@code inbox_event}, oldest first. */
  static List<InboxEvent> oldestRows(Jdbc jdbc, int max) {
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
                            StoredSources.read(results.getString("source")),
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

  /**
   * The span of the waiting ids, read from the two ends of the primary key: cheap however long the
   * inbox is (a {@code COUNT(*)} reads every row, on H2 its pages from the file, which at a
   * 100,000-webhook backlog took most of the accept path's time). The ids come from one writer in
   * order, so the span is the count, give or take the ids skipped by a failed insert or a crash
   * (never more than H2's sequence cache of 1,000 at a time): it may over-count a little, never
   * under-count.
   */
  @Override
  public long backlog() {
    return jdbc.inTransaction(
        connection ->
            Jdbc.count(connection, "SELECT COALESCE(MAX(id) - MIN(id) + 1, 0) FROM inbox_event"));
  }
}
