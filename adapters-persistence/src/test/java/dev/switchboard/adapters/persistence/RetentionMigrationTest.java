package dev.switchboard.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The V3 migration on a database that already holds dead letters (written by V2): they get numbers
 * of the shared sequence, and letters added afterwards come after them. On H2 and on PostgreSQL.
 */
class RetentionMigrationTest {

  @Test
  void dead_letters_written_before_v3_are_numbered_and_new_ones_follow_on_h2() throws Exception {
    Path dir = Files.createTempDirectory("switchboard-migration-");
    try {
      String url = "jdbc:h2:file:" + dir.resolve("switchboard") + TestDatabases.H2_OPTIONS;
      assertNumbering(Flyway.configure().dataSource(url, "sa", ""), url, "sa");
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  @Test
  void dead_letters_written_before_v3_are_numbered_and_new_ones_follow_on_postgres()
      throws Exception {
    String schema = TestDatabases.createPostgresSchema();
    try {
      String url = TestDatabases.POSTGRES_URL + "?currentSchema=" + schema;
      assertNumbering(
          Flyway.configure().dataSource(url, TestDatabases.POSTGRES_USER, "").schemas(schema),
          url,
          TestDatabases.POSTGRES_USER);
    } finally {
      TestDatabases.dropPostgresSchema(schema);
    }
  }

  private static void assertNumbering(
      org.flywaydb.core.api.configuration.FluentConfiguration flyway, String url, String user)
      throws SQLException {
    flyway.locations("classpath:db/migration").target("2").load().migrate();
    try (Connection connection = DriverManager.getConnection(url, user, "");
        Statement statement = connection.createStatement()) {
      for (int i = 0; i < 2; i++) {
        insertWebhook(connection, "old");
        statement.execute(
            "INSERT INTO dead_letter_outbox"
                + " (entry_id, lane, item, failed_attempts, enqueued_at, reason, dead_at)"
                + " VALUES (1, 'lane', '{}', 0, CURRENT_TIMESTAMP, 'old', CURRENT_TIMESTAMP)");
      }
    }

    flyway.target("latest").load().migrate();

    try (Connection connection = DriverManager.getConnection(url, user, "");
        Statement statement = connection.createStatement()) {
      insertWebhook(connection, "new");
      List<Long> old = new ArrayList<>();
      long newest;
      try (ResultSet results =
          statement.executeQuery(
              "SELECT seq FROM dead_letter_webhook WHERE reason = 'old'"
                  + " UNION ALL SELECT seq FROM dead_letter_outbox")) {
        while (results.next()) {
          old.add(results.getLong(1));
        }
      }
      try (ResultSet results =
          statement.executeQuery("SELECT seq FROM dead_letter_webhook WHERE reason = 'new'")) {
        results.next();
        newest = results.getLong(1);
      }
      assertThat(old).hasSize(4).doesNotHaveDuplicates().doesNotContainNull();
      assertThat(newest).isGreaterThan(old.stream().mapToLong(Long::longValue).max().orElseThrow());
    }
  }

  private static void insertWebhook(Connection connection, String reason) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO dead_letter_webhook (source, body, received_at, reason, dead_at)"
                + " VALUES ('WHATSAPP', ?, CURRENT_TIMESTAMP, ?, CURRENT_TIMESTAMP)")) {
      insert.setBytes(1, new byte[] {1});
      insert.setString(2, reason);
      insert.executeUpdate();
    }
  }
}
