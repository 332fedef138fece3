package dev.switchboard.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.switchboard.application.testing.StubHttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness in {@code rabbitmq} mode, on the real PostgreSQL (a database of its own) and the real
 * RabbitMQ (a vhost of its own): down while the database or the broker is gone, up once it is back.
 */
class ScaledReadinessTest {

  private static final String POSTGRES = UpgradeTest.POSTGRES;

  @TempDir Path dataDir;
  private final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final String database = "sb_ready_" + id;
  private final String vhost = "sb-ready-" + id;
  private StubHttpServer meta;
  private StubHttpServer genesys;
  private EmbeddedServer server;

  @BeforeEach
  void start() throws Exception {
    sql("test", "CREATE DATABASE " + database);
    createVhost();
    meta = Stubs.meta();
    genesys = Stubs.genesys();
    Map<String, Object> properties = Stubs.properties(meta, genesys, dataDir.toString());
    properties.put("switchboard.queue", "rabbitmq");
    properties.put("rabbitmq.uri", "amqp://guest:guest@127.0.0.1:5672/" + vhost);
    properties.put("datasources.default.url", POSTGRES + database);
    properties.put("datasources.default.username", "postgres");
    properties.put("datasources.default.password", "secret-not-shown");
    properties.put("datasources.default.connection-timeout", "1000");
    int port = RunningBridge.freePort();
    properties.put("micronaut.server.port", port);
    properties.put("switchboard.public-url", "http://localhost:" + port);
    server = ApplicationContext.run(EmbeddedServer.class, properties);
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    meta.close();
    genesys.close();
    sql("test", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    rabbitmqctl("delete_vhost", vhost);
  }

  private int status(String path) {
    return Stubs.get(server.getURL() + path).statusCode();
  }

  @Test
  void readiness_is_down_while_the_database_refuses_connections_and_up_when_it_is_back()
      throws Exception {
    assertThat(status("/health/readiness")).isEqualTo(200);

    sql("test", "ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
    sql(
        "test",
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
            + database
            + "'");
    RunningBridge.eventually(() -> status("/health/readiness") == 503, Duration.ofSeconds(15));
    assertThat(status("/health")).isEqualTo(503);
    assertThat(status("/health/liveness")).isEqualTo(200);
    String body = Stubs.get(server.getURL() + "/health").body();
    assertThat(body).doesNotContain("secret-not-shown").doesNotContain("jdbc:");

    sql("test", "ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
    RunningBridge.eventually(() -> status("/health/readiness") == 200, Duration.ofSeconds(15));
  }

  @Test
  void readiness_is_down_while_the_broker_is_unreachable_and_up_when_it_is_back() throws Exception {
    assertThat(status("/health/readiness")).isEqualTo(200);

    // deleting the vhost closes the bridge's connections, and they cannot come back without it
    rabbitmqctl("delete_vhost", vhost);
    RunningBridge.eventually(() -> status("/health/readiness") == 503, Duration.ofSeconds(15));
    assertThat(status("/health/liveness")).isEqualTo(200);
    assertThat(Stubs.get(server.getURL() + "/health").body()).doesNotContain("guest");

    createVhost();
    RunningBridge.eventually(() -> status("/health/readiness") == 200, Duration.ofSeconds(20));
  }

  private void createVhost() throws Exception {
    rabbitmqctl("add_vhost", vhost);
    rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
  }

  private static void sql(String db, String statement) throws Exception {
    try (Connection connection = DriverManager.getConnection(POSTGRES + db, "postgres", "");
        Statement run = connection.createStatement()) {
      run.execute(statement);
    }
  }

  private static void rabbitmqctl(String... args) throws Exception {
    String[] command = new String[args.length + 2];
    command[0] = "rabbitmqctl";
    command[1] = "-q";
    System.arraycopy(args, 0, command, 2, args.length);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      fail(String.join(" ", command) + " failed: " + output);
    }
  }
}
