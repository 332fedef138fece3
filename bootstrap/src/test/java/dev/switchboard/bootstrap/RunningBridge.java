package dev.switchboard.bootstrap;

import static dev.switchboard.application.testing.StubHttpServer.pathContains;

import dev.switchboard.application.testing.StubHttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The running application between local stand-ins for Meta and Genesys, and ways to drive it. */
abstract class RunningBridge {

  static final String CUSTOMER = "16505551234";
  static final String CUSTOMER_E164 = "+16505551234";

  @TempDir Path dataDir;
  StubHttpServer meta;
  StubHttpServer genesys;
  EmbeddedServer server;
  JsonMapper json;

  @BeforeEach
  void start() {
    meta = Stubs.meta();
    genesys = Stubs.genesys();
    Map<String, Object> properties = Stubs.properties(meta, genesys, dataDir.toString());
    properties.putAll(extraProperties());
    int port = freePort();
    properties.put("micronaut.server.port", port);
    properties.put("switchboard.public-url", "http://localhost:" + port);
    server = ApplicationContext.run(EmbeddedServer.class, properties);
    json = server.getApplicationContext().getBean(JsonMapper.class);
  }

  /** Settings a test class adds to the stubs' configuration. */
  Map<String, Object> extraProperties() {
    return Map.of();
  }

  static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterEach
  void stop() {
    server.close();
    meta.close();
    genesys.close();
  }

  void customerWrites(Instant at) {
    String wamid = "wamid." + UUID.randomUUID();
    Stubs.postWhatsApp(
        server.getURL().toString(),
        Stubs.textWebhook(CUSTOMER, wamid, at.getEpochSecond(), "hello"));
    eventually(
        () ->
            genesys.accepted(pathContains("/inbound/open/message")).stream()
                .anyMatch(r -> r.text().contains(wamid)),
        Duration.ofSeconds(10));
  }

  Map<String, Object> awaitOne(StubHttpServer stub, String path) {
    eventually(() -> !stub.accepted(pathContains(path)).isEmpty(), Duration.ofSeconds(10));
    return read(stub.accepted(pathContains(path)).get(0).body());
  }

  /** A JSON array body. */
  Object read(byte[] body, boolean array) {
    try {
      return json.readValue(body, Argument.listOf(Object.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Map<String, Object> read(byte[] body) {
    try {
      return json.readValue(body, Argument.mapOf(String.class, Object.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return (List<Object>) value;
  }

  static void eventually(Supplier<Boolean> condition, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.get()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("condition not met within " + timeout);
      }
      pause(Duration.ofMillis(25));
    }
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
