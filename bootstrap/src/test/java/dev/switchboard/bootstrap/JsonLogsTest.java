package dev.switchboard.bootstrap;

import static dev.switchboard.application.testing.StubHttpServer.pathContains;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.application.testing.StubHttpServer;
import dev.switchboard.application.testing.StubHttpServer.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SWITCHBOARD_LOG_FORMAT=json}: one JSON object per line, with no secret, body or number.
 */
class JsonLogsTest {

  private static final String CUSTOMER = "16505551234";
  private static final String BODY = "my secret words " + UUID.randomUUID();

  /** The message each flow forwards, behind one 503 of Genesys. */
  private final String wamid = "wamid." + UUID.randomUUID();

  @TempDir Path dataDir;

  @Test
  void with_the_json_format_every_line_is_a_json_object_without_secret_body_or_full_number()
      throws Exception {
    String log = runFlow(Map.of("SWITCHBOARD_LOG_FORMAT", "json"));
    ObjectMapper mapper = new ObjectMapper();
    List<String> lines = log.lines().filter(line -> !line.isBlank()).toList();
    assertThat(lines).isNotEmpty();
    boolean started = false;
    List<JsonNode> aboutTheMessage = new ArrayList<>();
    for (String line : lines) {
      JsonNode node = mapper.readTree(line);
      assertThat(node.isObject()).as(line).isTrue();
      assertThat(node.path("level").asText()).as(line).isNotEmpty();
      assertThat(node.path("loggerName").asText()).as(line).isNotEmpty();
      started |= node.path("formattedMessage").asText().contains("pipeline started");
      if (node.path("formattedMessage").asText().contains("failed in passing")) {
        aboutTheMessage.add(node);
      }
      assertThat(line)
          .doesNotContain(BODY)
          .doesNotContain(CUSTOMER)
          .doesNotContain(Stubs.APP_SECRET)
          .doesNotContain(Stubs.ACCESS_TOKEN)
          .doesNotContain(Stubs.CLIENT_SECRET)
          .doesNotContain(Stubs.WEBHOOK_SECRET);
    }
    assertThat(started).as("the pipeline's start-up line is among them").isTrue();
    assertThat(aboutTheMessage)
        .as("the line about the forward's 503 names its connection and message in the MDC")
        .singleElement()
        .satisfies(
            node -> {
              assertThat(node.path("mdc").path("connection").asText()).isEqualTo("default");
              assertThat(node.path("mdc").path("message").asText()).isEqualTo(wamid);
            });
    assertThat(lines)
        .as("the context is the message's only while the bridge works on it")
        .anySatisfy(
            line -> assertThat(line).contains("pipeline started").doesNotContain("\"message\""));
  }

  @Test
  void without_it_lines_stay_plain_text_and_name_the_message_they_concern() throws Exception {
    String log = runFlow(Map.of());
    assertThat(log.lines().filter(line -> line.contains("pipeline started")).toList())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .doesNotStartWith("{")
                    .contains(" INFO ")
                    .doesNotContain("[" + "default"));
    assertThat(log.lines().filter(line -> line.contains("failed in passing")).toList())
        .singleElement()
        .satisfies(line -> assertThat(line).contains(" [default " + wamid + "] - "));
  }

  private String runFlow(Map<String, String> extra) throws Exception {
    try (StubHttpServer meta = Stubs.meta();
        StubHttpServer genesys = Stubs.genesys()) {
      Map<String, String> env = Stubs.environment(meta, genesys, dataDir.toString());
      env.putAll(extra);
      Path log = dataDir.resolve("bridge.log");
      try (BridgeProcess bridge = new BridgeProcess(env, log).start()) {
        genesys.answerNext(
            pathContains("/inbound/open/message"), Answer.json(503, "{\"status\":503}"));
        Stubs.postWhatsApp(
            bridge.url(),
            Stubs.textWebhook(CUSTOMER, wamid, Instant.now().getEpochSecond() - 5, BODY));
        RunningBridge.eventually(
            () ->
                genesys.accepted(pathContains("/inbound/open/message")).stream()
                    .anyMatch(r -> r.text().contains(wamid)),
            Duration.ofSeconds(20));
        return bridge.logText();
      }
    }
  }
}
