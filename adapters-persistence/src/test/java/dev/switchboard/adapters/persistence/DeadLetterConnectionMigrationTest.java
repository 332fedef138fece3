package dev.switchboard.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The V10 migration on a database that already holds dead letters: each learns the connection its
 * source or lane names, so that filters by connection find them. On H2 and on PostgreSQL.
 */
class DeadLetterConnectionMigrationTest {

  @Test
  void dead_letters_written_before_v10_learn_their_connection_on_h2() throws Exception {
    Path dir = Files.createTempDirectory("switchboard-migration-");
    try {
      String url = "jdbc:h2:file:" + dir.resolve("switchboard") + TestDatabases.H2_OPTIONS;
      assertConnections(Flyway.configure().dataSource(url, "sa", ""), url, "sa");
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  @Test
  void dead_letters_written_before_v10_learn_their_connection_on_postgres() throws Exception {
    String schema = TestDatabases.createPostgresSchema();
    try {
      String url = TestDatabases.POSTGRES_URL + "?currentSchema=" + schema;
      assertConnections(
          Flyway.configure().dataSource(url, TestDatabases.POSTGRES_USER, "").schemas(schema),
          url,
          TestDatabases.POSTGRES_USER);
    } finally {
      TestDatabases.dropPostgresSchema(schema);
    }
  }

  private static void assertConnections(FluentConfiguration flyway, String url, String user)
      throws SQLException {
    flyway.locations("classpath:db/migration").target("9").load().migrate();
    try (Connection connection = DriverManager.getConnection(url, user, "");
        Statement statement = connection.createStatement()) {
      for (String source : List.of("telegram/sales", "GENESYS", "whatsapp", "genesys/default")) {
        try (java.sql.PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO dead_letter_webhook (source, body, received_at, reason, dead_at)"
                    + " VALUES (?, ?, CURRENT_TIMESTAMP, 'r', CURRENT_TIMESTAMP)")) {
          insert.setString(1, source);
          insert.setBytes(2, new byte[] {0});
          insert.executeUpdate();
        }
      }
      for (String lane :
          List.of("contact-center:sales:phone:1650", "customer:default:opaque:x:y", "odd")) {
        statement.executeUpdate(
            "INSERT INTO dead_letter_outbox"
                + " (entry_id, lane, item, failed_attempts, enqueued_at, reason, dead_at)"
                + " VALUES (1, '"
                + lane
                + "', '{}', 0, CURRENT_TIMESTAMP, 'r', CURRENT_TIMESTAMP)");
      }
    }

    flyway.locations("classpath:db/migration").target("10").load().migrate();

    try (Connection connection = DriverManager.getConnection(url, user, "");
        Statement statement = connection.createStatement()) {
      assertThat(column(statement, "SELECT connection FROM dead_letter_webhook ORDER BY seq"))
          .containsExactly("sales", "default", null, "default");
      assertThat(column(statement, "SELECT connection FROM dead_letter_outbox ORDER BY seq"))
          .containsExactly("sales", "default", null);
    }
  }

  private static List<String> column(Statement statement, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet results = statement.executeQuery(sql)) {
      while (results.next()) {
        values.add(results.getString(1));
      }
    }
    return values;
  }
}
