package dev.switchboard.adapters.persistence;

import io.micronaut.context.annotation.Context;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Refuses to start on an H2 database that would break a promise of the stores: the SQL needs H2's
 * PostgreSQL mode ({@code MODE=PostgreSQL}: {@code INSERT ... ON CONFLICT DO NOTHING}), and an H2
 * file database must write every commit through at once ({@code WRITE_DELAY=0}); H2's default delay
 * of 500 ms loses acknowledged webhooks when the process is killed. PostgreSQL needs nothing.
 */
@Context
final class EmbeddedDatabaseCheck {

  EmbeddedDatabaseCheck(Jdbc jdbc) {
    jdbc.inTransaction(
        connection -> {
          check(connection);
          return null;
        });
  }

  static void check(Connection connection) throws SQLException {
    if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
      return;
    }
    Map<String, String> settings =
        Jdbc.query(
                connection,
                "SELECT setting_name, setting_value FROM information_schema.settings"
                    + " WHERE setting_name IN ('MODE', 'WRITE_DELAY')",
                statement -> {},
                results -> Map.entry(results.getString(1), results.getString(2)))
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    if (!"PostgreSQL".equalsIgnoreCase(settings.get("MODE"))) {
      throw new IllegalStateException(
          "the H2 database must run in PostgreSQL mode: add ;MODE=PostgreSQL to its URL");
    }
    boolean inMemory = connection.getMetaData().getURL().startsWith("jdbc:h2:mem:");
    if (!inMemory && !"0".equals(settings.get("WRITE_DELAY"))) {
      throw new IllegalStateException(
          "the H2 database must write commits through at once, or acknowledged webhooks are lost"
              + " when the process dies: add ;WRITE_DELAY=0 to its URL");
    }
  }
}
