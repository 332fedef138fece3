package dev.switchboard.adapters.persistence;

import dev.switchboard.application.port.out.ProcessedMessages;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Objects;

/**
 * The ids of handled messages in table {@code processed_message}, with the time they were first
 * seen ({@code processed_at}) for a retention job. The insert is {@code ON CONFLICT DO NOTHING}: a
 * repeated id changes nothing and, unlike a failed INSERT, does not abort a PostgreSQL transaction;
 * a concurrent transaction recording the same id waits for the first to end. Old ids are deleted in
 * batches, oldest first ({@link #deleteRecordedBefore}).
 */
@Singleton
public final class JdbcProcessedMessages implements ProcessedMessages {

  private final Jdbc jdbc;

  JdbcProcessedMessages(Jdbc jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
  }

  @Override
  public boolean firstTime(String messageKey) {
    Objects.requireNonNull(messageKey, "messageKey");
    return jdbc.inTransaction(
            connection ->
                Jdbc.update(
                    connection,
                    "INSERT INTO processed_message (message_key, processed_at) VALUES (?, ?)"
                        + " ON CONFLICT DO NOTHING",
                    statement -> {
                      statement.setString(1, messageKey);
                      Jdbc.setInstant(statement, 2, jdbc.now());
                    }))
        == 1;
  }

  @Override
  public int deleteRecordedBefore(Instant cutoff, int batch) {
    Objects.requireNonNull(cutoff, "cutoff");
    if (batch < 1) {
      return 0;
    }
    return jdbc.inTransaction(
        connection ->
            Jdbc.update(
                connection,
                "DELETE FROM processed_message WHERE message_key IN (SELECT message_key"
                    + " FROM processed_message WHERE processed_at < ? ORDER BY processed_at LIMIT ?)",
                statement -> {
                  Jdbc.setInstant(statement, 1, cutoff);
                  statement.setInt(2, batch);
                }));
  }
}
