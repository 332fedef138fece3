package dev.switchboard.bootstrap;

import static dev.switchboard.application.testing.StubHttpServer.pathContains;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.port.out.DeadLetters;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Webhook bodies others published as WhatsApp sent them (adapters-whatsapp's {@code real-payloads},
 * see its {@code SOURCES.md}), through the running bridge: every message reaches the fake Genesys
 * with its text or caption, and nothing goes to the dead letters.
 */
class RealPayloadsEndToEndTest extends RunningBridge {

  private static final Path PAYLOADS =
      Path.of("..", "adapters-whatsapp", "src", "test", "resources", "real-payloads", "pywa");

  /** One published body, adapted as SOURCES.md says, and the wamids of its messages. */
  private record Payload(String name, String body, List<String> wamids, List<String> words) {}

  @Test
  void every_published_message_reaches_genesys_and_nothing_is_dead_lettered() throws IOException {
    List<Payload> payloads = payloads();
    assertThat(payloads).hasSizeGreaterThan(20);

    for (Payload payload : payloads) {
      assertThat(Stubs.postWhatsApp(server.getURL().toString(), payload.body()).statusCode())
          .as(payload.name())
          .isEqualTo(200);
    }

    Set<String> expected =
        payloads.stream().flatMap(p -> p.wamids().stream()).collect(Collectors.toSet());
    assertThat(expected).hasSizeGreaterThan(20);
    eventually(() -> forwarded().keySet().containsAll(expected), Duration.ofSeconds(30));
    Map<String, String> forwarded = forwarded();
    for (Payload payload : payloads) {
      for (int i = 0; i < payload.wamids().size(); i++) {
        String words = payload.words().get(i);
        if (words != null) {
          assertThat(forwarded.get(payload.wamids().get(i))).as(payload.name()).contains(words);
        }
      }
    }
    pause(Duration.ofMillis(500));
    assertThat(server.getApplicationContext().getBean(DeadLetters.class).list(100, null)).isEmpty();
  }

  /** The text of every message Genesys got, by its {@code channel.messageId}. */
  private Map<String, String> forwarded() {
    return genesys.accepted(pathContains("/inbound/open/message")).stream()
        .map(request -> read(request.body()))
        .collect(
            Collectors.toMap(
                message -> (String) map(message.get("channel")).get("messageId"),
                message -> String.valueOf(message.get("text")),
                (first, second) -> first));
  }

  private List<Payload> payloads() throws IOException {
    List<Payload> payloads = new ArrayList<>();
    List<Path> files;
    try (var listing = Files.list(PAYLOADS)) {
      files = listing.sorted().toList();
    }
    for (Path file : files) {
      JsonNode named = json.readValue(Files.readAllBytes(file), JsonNode.class);
      for (Map.Entry<String, JsonNode> entry : named.entries()) {
        String name = file.getFileName() + "#" + entry.getKey();
        String suffix = "." + payloads.size();
        String body =
            new String(json.writeValueAsBytes(entry.getValue()), StandardCharsets.UTF_8)
                .replace("\"1122334455667\"", "\"" + Stubs.PHONE_NUMBER_ID + "\"");
        List<String> wamids = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (JsonNode item : items(entry.getValue(), "messages")) {
          String wamid = item.get("id").getStringValue();
          wamids.add(wamid + suffix);
          words.add(words(item));
        }
        // each body's wamids are its own: pywa reuses one for most of them
        body = body.replaceAll("\"(wamid\\.[^\"]*)\"", "\"$1" + suffix + "\"");
        payloads.add(new Payload(name, body, wamids, words));
      }
    }
    return payloads;
  }

  private static List<JsonNode> items(JsonNode root, String field) {
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode entry : root.get("entry").values()) {
      for (JsonNode change : entry.get("changes").values()) {
        JsonNode array = change.get("value").get(field);
        if (array != null) {
          array.values().forEach(items::add);
        }
      }
    }
    return items;
  }

  /** The customer's own words in a message: its text or its caption; null when it has none. */
  private static String words(JsonNode message) {
    String type = message.get("type").getStringValue();
    for (String field : List.of("body", "caption")) {
      JsonNode object = message.get(type);
      JsonNode value = object == null || !object.isObject() ? null : object.get(field);
      if (value != null && value.isString() && !value.getStringValue().isEmpty()) {
        return value.getStringValue();
      }
    }
    return null;
  }
}
