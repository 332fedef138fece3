package dev.switchboard.bootstrap;

import static dev.switchboard.application.testing.StubHttpServer.pathContains;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.testing.StubHttpServer;
import dev.switchboard.application.testing.StubHttpServer.Answer;
import dev.switchboard.application.testing.StubHttpServer.Request;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data the release before connections wrote, with work still pending (see {@code
 * src/test/resources/upgrade/d9ee990/README.md}), upgraded in place: an embedded data dir and a
 * PostgreSQL database. Everything pending reaches Genesys and Meta exactly once, under the {@code
 * default} connection, and what that release had handled stays handled.
 */
class UpgradeTest {

  static final String FIXTURES = "/upgrade/d9ee990/";

  /** Just after the fixtures were made: their windows are open, their retries not given up. */
  static final String FIXTURE_TIME = "2026-12-04T18:59:00Z";

  static final String MEDIA_ID = "fixture-media-1";
  static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

  @TempDir Path dataDir;

  @Test
  void an_embedded_data_dir_with_pending_inbox_and_outbox_work_is_delivered_once()
      throws Exception {
    copyFixture("embedded", dataDir);
    runAndCheck(Map.of());
  }

  @Test
  void a_postgresql_database_with_pending_inbox_and_outbox_work_is_delivered_once()
      throws Exception {
    String database = "sb_upgrade_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection admin = DriverManager.getConnection(POSTGRES + "test", "postgres", "")) {
      try (Statement create = admin.createStatement()) {
        create.execute("CREATE DATABASE " + database);
      }
    }
    try {
      replayDump(POSTGRES + database);
      runAndCheck(
          Map.of(
              "datasources.default.url", POSTGRES + database,
              "datasources.default.username", "postgres",
              "datasources.default.password", "",
              "switchboard.queue", "embedded"));
    } finally {
      try (Connection admin = DriverManager.getConnection(POSTGRES + "test", "postgres", "");
          Statement drop = admin.createStatement()) {
        drop.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      }
    }
  }

  private void runAndCheck(Map<String, Object> database) throws IOException {
    byte[] image = resource("fixture-media-1.png");
    try (StubHttpServer meta = meta(image);
        StubHttpServer genesys = Stubs.genesys()) {
      Map<String, Object> properties = Stubs.properties(meta, genesys, dataDir.toString());
      properties.putAll(database);
      properties.put(TestClockFactory.START, FIXTURE_TIME);
      int port = RunningBridge.freePort();
      properties.put("micronaut.server.port", port);
      properties.put("switchboard.public-url", "http://localhost:" + port);
      try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
        String url = server.getURL().toString();

        RunningBridge.eventually(
            () ->
                forwarded(genesys)
                        .containsAll(
                            List.of("wamid.FIXTURE-A2", "wamid.FIXTURE-A3", "wamid.FIXTURE-B1"))
                    && sent(meta).size() == 2
                    && receipts(genesys).contains("fixture-r1"),
            Duration.ofSeconds(30));

        // Meta and Genesys redeliver what the old release had handled: nothing happens again
        Stubs.postWhatsApp(url, text("a1-redelivery.json"));
        Stubs.postGenesys(url, text("r1-redelivery.json"));
        RunningBridge.pause(Duration.ofSeconds(2));

        assertThat(forwarded(genesys))
            .containsExactlyInAnyOrder("wamid.FIXTURE-A2", "wamid.FIXTURE-A3", "wamid.FIXTURE-B1");
        assertThat(sent(meta))
            .as("R2 waited in the outbox, R3 in the inbox: they go in that order")
            .containsExactly("Fixture R2", "Fixture R3");
        assertThat(receipts(genesys)).containsExactly("fixture-r1");
        String a3 =
            genesys.accepted(pathContains("/inbound/open/message")).stream()
                .map(Request::text)
                .filter(body -> body.contains("wamid.FIXTURE-A3"))
                .findFirst()
                .orElseThrow();
        assertThat(a3).contains("\"mediaType\":\"Image\"").contains("/media/");
        assertThat(genesys.accepted(pathContains("/inbound/open/")))
            .allMatch(
                request -> request.path().contains("/messages/" + Stubs.INTEGRATION_ID + "/"));
        assertThat(meta.accepted(pathContains("/messages")))
            .allMatch(request -> request.path().contains("/" + Stubs.PHONE_NUMBER_ID + "/"));
      }
    }
  }

  /** The customers' messages Genesys took, by wamid, in the order it took them. */
  private static List<String> forwarded(StubHttpServer genesys) {
    return genesys.accepted(pathContains("/inbound/open/message")).stream()
        .map(Request::text)
        .map(body -> between(body, "\"messageId\":\"", "\""))
        .toList();
  }

  /** The agents' messages Meta took, by their first words. */
  private static List<String> sent(StubHttpServer meta) {
    return meta.accepted(pathContains("/messages")).stream()
        .map(Request::text)
        .filter(body -> body.contains("\"text\""))
        .map(body -> between(body, "\"body\":\"", ":"))
        .toList();
  }

  private static List<String> receipts(StubHttpServer genesys) {
    return genesys.accepted(pathContains("/inbound/open/receipt")).stream()
        .map(Request::text)
        .filter(body -> body.contains("\"Delivered\""))
        .map(body -> between(body, "\"id\":\"", "\""))
        .toList();
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    if (from < 0) {
      return "";
    }
    from += start.length();
    int to = text.indexOf(end, from);
    return to < 0 ? text.substring(from) : text.substring(from, to);
  }

  /** Meta, serving the fixture's image under its media id besides the usual answers. */
  private static StubHttpServer meta(byte[] image) {
    StubHttpServer meta = Stubs.meta();
    meta.answerNext(
        pathContains("/v26.0/" + MEDIA_ID),
        Answer.json(
            200,
            "{\"url\":\"%s/lookaside/%s\",\"mime_type\":\"image/png\",\"file_size\":%d,\"id\":\"%s\"}"
                .formatted(meta.url(), MEDIA_ID, image.length, MEDIA_ID)));
    meta.answerAll(pathContains("/lookaside/" + MEDIA_ID), Answer.bytes(200, image, "image/png"));
    return meta;
  }

  private static void copyFixture(String name, Path target) throws URISyntaxException, IOException {
    URL root = UpgradeTest.class.getResource(FIXTURES + name);
    Path source = Path.of(root.toURI());
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else if (!file.getFileName().toString().equals(".keep")) {
          Files.copy(file, copy);
        }
      }
    }
  }

  /** Replays the dump statement by statement on a connection of its own. */
  private static void replayDump(String url) throws SQLException {
    String dump = text("postgres.sql");
    try (Connection connection = DriverManager.getConnection(url, "postgres", "");
        Statement statement = connection.createStatement()) {
      StringBuilder current = new StringBuilder();
      for (String line : dump.split("\n", -1)) {
        if (line.startsWith("--") || (current.length() == 0 && line.isBlank())) {
          continue;
        }
        current.append(line).append('\n');
        if (line.endsWith(";")) {
          statement.execute(current.toString());
          current.setLength(0);
        }
      }
    }
  }

  private static String text(String name) {
    return new String(resource(name), StandardCharsets.UTF_8);
  }

  private static byte[] resource(String name) {
    try (InputStream in = UpgradeTest.class.getResourceAsStream(FIXTURES + name)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
