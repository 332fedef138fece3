package dev.switchboard.adapters.persistence;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The databases the tests run on, configured the way the bootstrap configures them. */
public final class TestDatabases {

  /** Where the migrations are, as the application configures it. */
  static final String MIGRATIONS =
      "classpath:db/migration,classpath:dev/switchboard/adapters/persistence/migration";

  /**
   * What the embedded H2 URL needs after the file name: PostgreSQL's dialect and identifier case,
   * H2 closing with the pool rather than in its own shutdown hook, and every commit written through
   * at once (the durability the inbox promises; see {@link InboxDurabilityTest}).
   */
  static final String H2_OPTIONS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
          + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;QUERY_CACHE_SIZE=64;CACHE_SIZE=4096";

  static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String POSTGRES_USER = "postgres";

  private TestDatabases() {}

  /** An H2 file database in {@code dir}, with the given URL options. */
  static Map<String, Object> h2(Path dir, String options) {
    Map<String, Object> properties = new HashMap<>();
    properties.put(
        "datasources.default.url", "jdbc:h2:file:" + dir.resolve("switchboard") + options);
    properties.put("datasources.default.username", "sa");
    properties.put("datasources.default.password", "");
    properties.put("flyway.datasources.default.enabled", true);
    properties.put("flyway.datasources.default.locations", TestDatabases.MIGRATIONS);
    return properties;
  }

  /** An H2 file database in {@code dir}, set up as the embedded default. */
  public static Map<String, Object> h2(Path dir) {
    return h2(dir, H2_OPTIONS);
  }

  /** The real PostgreSQL, in {@code schema}. */
  static Map<String, Object> postgres(String schema) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("datasources.default.url", POSTGRES_URL + "?currentSchema=" + schema);
    properties.put("datasources.default.username", POSTGRES_USER);
    properties.put("datasources.default.password", "");
    properties.put("flyway.datasources.default.enabled", true);
    properties.put("flyway.datasources.default.locations", TestDatabases.MIGRATIONS);
    properties.put("flyway.datasources.default.schemas", schema);
    return properties;
  }

  /** Creates a schema of its own for one test run; fails when PostgreSQL cannot be reached. */
  static String createPostgresSchema() throws SQLException {
    String schema = "sb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    postgresStatement("CREATE SCHEMA " + schema);
    return schema;
  }

  static void dropPostgresSchema(String schema) throws SQLException {
    postgresStatement("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  private static void postgresStatement(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Starts the beans of this module on a database, with a clock of the test's choosing. */
  public static ApplicationContext start(Map<String, Object> properties, Clock clock) {
    return ApplicationContext.builder()
        .deduceEnvironment(false)
        .properties(properties)
        .singletons(clock)
        .start();
  }
}
