package dev.switchboard.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.testing.StubHttpServer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --sandbox} from the launch point on: no credentials needed, real ones in the environment
 * ignored (the "real" Meta and Genesys here are stubs that must never be called), SANDBOX said at
 * start, the data under {@code ./data-sandbox}, and a message each way through the real adapters.
 */
class SandboxLaunchTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final JsonMapper JSON = JsonMapper.createDefault();
  private static final Argument<Map<String, Object>> MAP =
      Argument.mapOf(String.class, Object.class);

  @TempDir Path workingDir;
  @TempDir Path configuredDataDir;
  private StubHttpServer realMeta;
  private StubHttpServer realGenesys;
  private BridgeProcess bridge;

  @AfterEach
  void stop() {
    if (bridge != null) {
      bridge.close();
    }
    if (realMeta != null) {
      realMeta.close();
      realGenesys.close();
    }
  }

  @Test
  void starts_without_credentials_and_says_sandbox() throws Exception {
    bridge = sandbox(Map.of());
    String log = bridge.logText();
    assertThat(log).contains("SANDBOX").contains("/sandbox");
    HttpResponse<String> page = get("/sandbox");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("SANDBOX").contains("/sandbox/assets/sandbox.js");
    assertThat(get("/sandbox/assets/sandbox.js").statusCode()).isEqualTo(200);
    // the page works offline: nothing it loads comes from another host
    for (String path :
        List.of("/sandbox", "/sandbox/assets/sandbox.js", "/sandbox/assets/sandbox.css")) {
      assertThat(get(path).body()).as(path).doesNotContain("http://").doesNotContain("https://");
    }
    assertThat(get("/sandbox/assets/nothing.js").statusCode()).isEqualTo(404);
    assertThat(workingDir.resolve("data-sandbox")).isDirectory();
    // the simulated services check credentials as the real ones do
    assertThat(post("/sandbox/graph/v26.0/100200300400500/messages", "{}").statusCode())
        .isEqualTo(401);
    assertThat(post("/sandbox/genesys/oauth/token", "{}").statusCode()).isEqualTo(401);
    assertThat(
            post("/sandbox/genesys/api/v2/conversations/messages/x/inbound/open/message", "{}")
                .statusCode())
        .isEqualTo(401);
    assertThat(post("/sandbox/telegram/bot1:wrong/sendMessage", "{}").statusCode()).isEqualTo(401);
  }

  @Test
  void ignores_real_credentials_hosts_and_database_in_the_environment() throws Exception {
    realMeta = Stubs.meta();
    realGenesys = Stubs.genesys();
    Map<String, String> real =
        new HashMap<>(Stubs.environment(realMeta, realGenesys, configuredDataDir.toString()));
    real.put("SWITCHBOARD_ADMIN_TOKEN", "the-real-admin-token");
    real.put("SWITCHBOARD_QUEUE", "rabbitmq");
    real.put("DATASOURCES_DEFAULT_URL", "jdbc:postgresql://127.0.0.1:5432/no_such_database");
    real.put("SWITCHBOARD_CONNECTIONS_SHOP_CHANNEL", "whatsapp");
    real.put("SWITCHBOARD_CONNECTIONS_SHOP_WHATSAPP_PHONE_NUMBER_ID", "999");
    bridge = sandbox(real);

    String customer = firstCustomer();
    assertThat(
            post(
                    "/sandbox/api/customers/" + customer + "/messages",
                    "{\"kind\":\"text\",\"text\":\"hello sandbox\"}")
                .statusCode())
        .isEqualTo(200);
    awaitEvent("\"kind\":\"desk.message\"", "hello sandbox");
    assertThat(
            post(
                    "/sandbox/api/customers/" + customer + "/agent-messages",
                    "{\"kind\":\"text\",\"text\":\"hello customer\"}")
                .statusCode())
        .isEqualTo(200);
    awaitEvent("\"kind\":\"phone.message\"", "hello customer");
    awaitEvent("\"kind\":\"desk.receipt\"", "\"status\":\"Delivered\"");

    assertThat(realMeta.requests()).as("calls to the configured Meta").isEmpty();
    assertThat(realGenesys.requests()).as("calls to the configured Genesys").isEmpty();
    // the configured admin token is not the sandbox's: the admin API refuses it
    HttpResponse<String> admin =
        send(
            HttpRequest.newBuilder(URI.create(bridge.url() + "/admin/dead-letters"))
                .header("Authorization", "Bearer the-real-admin-token")
                .build());
    assertThat(admin.statusCode()).isEqualTo(401);
    // the configured data dir is left alone; the embedded database is under ./data-sandbox
    try (var files = Files.list(configuredDataDir)) {
      assertThat(files.toList()).isEmpty();
    }
    try (var files = Files.list(workingDir.resolve("data-sandbox"))) {
      assertThat(files.map(f -> f.getFileName().toString()).toList())
          .anyMatch(name -> name.startsWith("switchboard"));
    }
  }

  @Test
  void a_telegram_customer_reaches_the_agent_through_the_simulated_bot_api() throws Exception {
    bridge = sandbox(Map.of());
    String customer = customer("telegram");

    post(
        "/sandbox/api/customers/" + customer + "/messages",
        "{\"kind\":\"text\",\"text\":\"hi from telegram\"}");
    awaitEvent("\"kind\":\"desk.message\"", "hi from telegram");
    awaitEvent("\"kind\":\"desk.message\"", "\"customer\":\"" + customer + "\"");
    post(
        "/sandbox/api/customers/" + customer + "/agent-messages",
        "{\"kind\":\"quickreplies\",\"text\":\"Which one?\",\"options\":[\"Red\",\"Blue\"]}");
    awaitEvent("\"kind\":\"phone.message\"", "\"title\":\"Blue\"");
    awaitEvent("\"kind\":\"desk.receipt\"", "\"status\":\"Delivered\"");
    Map<String, Object> offer =
        events("phone.message").stream()
            .filter(e -> "Which one?".equals(e.get("text")))
            .findFirst()
            .orElseThrow();
    String data =
        ((List<?>) offer.get("buttons"))
            .stream()
                .map(b -> (Map<?, ?>) b)
                .filter(b -> "Blue".equals(b.get("title")))
                .map(b -> (String) b.get("id"))
                .findFirst()
                .orElseThrow();
    post(
        "/sandbox/api/customers/" + customer + "/messages",
        "{\"kind\":\"button\",\"replyTo\":\""
            + offer.get("wamid")
            + "\",\"replyId\":\""
            + data
            + "\",\"replyTitle\":\"Blue\"}");
    awaitEvent("\"kind\":\"desk.choice\"", "\"payload\":\"option-blue\"");
    // templates are WhatsApp's: the bridge refuses one for Telegram, and says so to the agent
    post("/sandbox/api/customers/" + customer + "/agent-messages", "{\"kind\":\"template\"}");
    awaitEvent("\"kind\":\"desk.receipt\"", "UnsupportedMessage");
  }

  @Test
  void a_late_answer_on_the_reengaging_number_is_held_then_sent_when_the_customer_replies()
      throws Exception {
    bridge = sandbox(Map.of());
    Map<String, Object> setup = JSON.readValue(get("/sandbox/api/setup").body(), MAP);
    String customer =
        ((List<?>) setup.get("customers"))
            .stream()
                .map(c -> (Map<?, ?>) c)
                .filter(c -> "reengage".equals(c.get("connection")))
                .map(c -> (String) c.get("id"))
                .findFirst()
                .orElseThrow();
    post(
        "/sandbox/api/customers/" + customer + "/messages",
        "{\"kind\":\"text\",\"text\":\"anyone there?\",\"backdated\":true}");
    awaitEvent("\"kind\":\"desk.message\"", "anyone there?");
    post(
        "/sandbox/api/customers/" + customer + "/agent-messages",
        "{\"kind\":\"text\",\"text\":\"sorry, here now\"}");
    awaitEvent("\"kind\":\"phone.message\"", "\"template\":\"we_have_a_reply\"");
    assertThat(events("phone.message")).noneMatch(e -> "sorry, here now".equals(e.get("text")));
    assertThat(events("desk.receipt")).isEmpty();

    post(
        "/sandbox/api/customers/" + customer + "/messages",
        "{\"kind\":\"text\",\"text\":\"yes?\"}");
    awaitEvent("\"kind\":\"phone.message\"", "sorry, here now");
    awaitEvent("\"kind\":\"desk.receipt\"", "\"status\":\"Delivered\"");
  }

  @Test
  void without_the_flag_the_same_environment_still_needs_credentials() throws Exception {
    BridgeProcess plain =
        new BridgeProcess(Map.of(), workingDir.resolve("plain.log"), List.of(), workingDir);
    assertThat(plain.runUntilExit(Duration.ofSeconds(60))).isEqualTo(2);
    assertThat(plain.logText()).contains("switchboard.").doesNotContain("SANDBOX");
  }

  private BridgeProcess sandbox(Map<String, String> environment) {
    return new BridgeProcess(
            environment, workingDir.resolve("bridge.log"), List.of("--sandbox"), workingDir)
        .start();
  }

  private String firstCustomer() throws Exception {
    return customer("whatsapp");
  }

  /** The id of the sandbox's first customer on {@code channel}. */
  private String customer(String channel) throws Exception {
    Map<String, Object> setup = JSON.readValue(get("/sandbox/api/setup").body(), MAP);
    return ((List<?>) setup.get("customers"))
        .stream()
            .map(c -> (Map<?, ?>) c)
            .filter(c -> channel.equals(c.get("channel")))
            .map(c -> (String) c.get("id"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no sandbox customer on " + channel));
  }

  /** The events of {@code kind}, oldest first. */
  private List<Map<String, Object>> events(String kind) throws Exception {
    Map<String, Object> feed = JSON.readValue(get("/sandbox/api/events?after=0").body(), MAP);
    List<Map<String, Object>> events = new java.util.ArrayList<>();
    for (Object event : (List<?>) feed.get("events")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> e = (Map<String, Object>) event;
      if (kind.equals(e.get("kind"))) {
        events.add(e);
      }
    }
    return events;
  }

  private void awaitEvent(String kind, String containing) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      String events = get("/sandbox/api/events?after=0").body();
      for (String event : events.split("\\},\\{\"seq\"")) {
        if (event.contains(kind) && event.contains(containing)) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "no " + kind + " with " + containing + " in " + get("/sandbox/api/events?after=0").body());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(bridge.url() + path)).build());
  }

  private HttpResponse<String> post(String path, String json) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(bridge.url() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
