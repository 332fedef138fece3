package dev.switchboard.adapters.persistence;

import dev.switchboard.application.port.out.ProcessedMessages;
import jakarta.inject.Singleton;
import java.util.Objects;

/**
 * The ids of handled messages in table {@code processed_message}, with the time they were first
 * seen ({@code processed_at}) for a retention job. The insert is {@code ON CONFLICT DO NOTHING}: a
 * repeated id changes nothing and, unlike a failed INSERT, does not abort a PostgreSQL transaction;
 * a concurrent transaction recording the same id waits for the first to end.
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
}
