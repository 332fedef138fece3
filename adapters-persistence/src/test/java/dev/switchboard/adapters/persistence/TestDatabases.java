package dev.switchboard.adapters.persistence;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

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

  /**
   * An upgrade a migration test runs on one database: Flyway pointed at it (to migrate to an older
   * version, write as that release did, then migrate to the latest), its JDBC URL and user, and the
   * properties that start the adapters on it.
   */
  @FunctionalInterface
  interface Upgrade {
    void run(FluentConfiguration flyway, String url, String user, Map<String, Object> properties)
        throws Exception;
  }

  /** Runs {@code upgrade} on a fresh H2 database file, deleted afterwards. */
  static void onH2(Upgrade upgrade) throws Exception {
    Path dir = Files.createTempDirectory("switchboard-migration-");
    try {
      String url = "jdbc:h2:file:" + dir.resolve("switchboard") + H2_OPTIONS;
      upgrade.run(Flyway.configure().dataSource(url, "sa", ""), url, "sa", h2(dir));
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  /** Runs {@code upgrade} in a fresh PostgreSQL schema, dropped afterwards. */
  static void onPostgres(Upgrade upgrade) throws Exception {
    String schema = createPostgresSchema();
    try {
      String url = POSTGRES_URL + "?currentSchema=" + schema;
      upgrade.run(
          Flyway.configure().dataSource(url, POSTGRES_USER, "").schemas(schema),
          url,
          POSTGRES_USER,
          postgres(schema));
    } finally {
      dropPostgresSchema(schema);
    }
  }
}
