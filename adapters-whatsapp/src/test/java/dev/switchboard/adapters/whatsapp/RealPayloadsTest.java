package dev.switchboard.adapters.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Decoded;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.testing.TestResources;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.message.InboundContent;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Webhook bodies others published as WhatsApp sent them ({@code real-payloads/SOURCES.md}): every
 * one decodes without a problem, to one event per message and per delivery status, and none loses
 * the customer's words.
 */
class RealPayloadsTest {

  private static final JsonMapper JSON = JsonMapper.createDefault();
  private static final List<String> FILES =
      List.of(
          "pywa/message.json",
          "pywa/message_status.json",
          "pywa/system.json",
          "pywa/callback_button.json",
          "pywa/callback_selection.json");
  private static final List<String> DELIVERY_STATUSES =
      List.of("sent", "delivered", "read", "failed");

  private final WhatsAppWebhookDecoder decoder =
      new WhatsAppWebhookDecoder(JSON, TestAccounts.defaultOnly());

  /** One published body, by its file and name, on the test's business number. */
  record Payload(String name, byte[] body) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Every published body, with its business number the test connection's (see SOURCES.md). */
  static Stream<Payload> payloads() throws IOException {
    List<Payload> payloads = new ArrayList<>();
    for (String file : FILES) {
      JsonNode named =
          JSON.readValue(TestResources.bytes("/real-payloads/" + file), JsonNode.class);
      for (Map.Entry<String, JsonNode> body : named.entries()) {
        String text = new String(JSON.writeValueAsBytes(body.getValue()), StandardCharsets.UTF_8);
        payloads.add(
            new Payload(
                file + "#" + body.getKey(),
                text.replace("\"1122334455667\"", "\"" + TestAccounts.DEFAULT_NUMBER + "\"")
                    .getBytes(StandardCharsets.UTF_8)));
      }
    }
    return payloads.stream();
  }

  @Test
  void there_are_more_than_twenty_of_them() throws IOException {
    assertThat(payloads().count()).isGreaterThan(20);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("payloads")
  void each_decodes_without_a_problem_to_one_event_per_message_and_delivery_status(Payload payload)
      throws IOException {
    Decoded decoded = decoder.decode(WebhookSource.of("whatsapp"), payload.body());

    assertThat(decoded.problems()).isEmpty();
    List<JsonNode> messages = items(payload, "messages");
    long statuses =
        items(payload, "statuses").stream()
            .filter(status -> DELIVERY_STATUSES.contains(status.get("status").getStringValue()))
            .count();
    assertThat(decoded.events()).hasSize(messages.size() + (int) statuses);
    assertThat(decoded.events())
        .filteredOn(ChannelEvent.CustomerMessage.class::isInstance)
        .hasSize(messages.size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("payloads")
  void no_text_caption_or_tapped_title_is_lost_or_changed(Payload payload) throws IOException {
    List<InboundContent> contents =
        decoder.decode(WebhookSource.of("whatsapp"), payload.body()).events().stream()
            .filter(ChannelEvent.CustomerMessage.class::isInstance)
            .map(event -> ((ChannelEvent.CustomerMessage) event).message().content())
            .toList();

    List<JsonNode> messages = items(payload, "messages");
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      InboundContent content = contents.get(i);
      String type = message.get("type").getStringValue();
      String body = string(message, "text", "body");
      if ("text".equals(type)) {
        assertThat(content).isEqualTo(new InboundContent.Text(body));
      }
      String caption = string(message, type, "caption");
      if (caption != null) {
        assertThat(((InboundContent.Media) content).caption()).isEqualTo(caption);
      }
      String tapped =
          firstNonNull(
              string(message, "button", "text"),
              message.get("interactive") == null
                  ? null
                  : firstNonNull(
                      string(message.get("interactive"), "button_reply", "title"),
                      string(message.get("interactive"), "list_reply", "title")));
      if (tapped != null) {
        assertThat(wordsOf(content)).isEqualTo(tapped);
      }
    }
  }

  @Test
  void a_contacts_user_id_is_named_beside_the_number_the_message_comes_from() throws IOException {
    List<ChannelEvent.CustomerMessage> taps =
        payloads()
            .filter(payload -> payload.name().startsWith("pywa/callback_"))
            .flatMap(
                payload ->
                    decoder.decode(WebhookSource.of("whatsapp"), payload.body()).events().stream())
            .map(ChannelEvent.CustomerMessage.class::cast)
            .toList();

    assertThat(taps).hasSize(4);
    assertThat(taps)
        .allSatisfy(
            tap -> {
              assertThat(tap.customer()).isEqualTo(CustomerId.phone("972987654321"));
              assertThat(tap.otherIds())
                  .containsExactly(CustomerId.opaque("US.13491208655302741918"));
            });
  }

  @Test
  void a_changed_user_id_without_a_sender_comes_from_the_previous_one_and_names_the_new()
      throws IOException {
    Payload change =
        payloads()
            .filter(p -> p.name().equals("pywa/system.json#user_id_change"))
            .findFirst()
            .get();

    ChannelEvent.CustomerMessage event =
        (ChannelEvent.CustomerMessage)
            decoder.decode(WebhookSource.of("whatsapp"), change.body()).events().get(0);

    assertThat(event.customer()).isEqualTo(CustomerId.opaque("CO.1234567890"));
    assertThat(event.otherIds()).containsExactly(CustomerId.opaque("MX.0987654321"));
  }

  /** What the customer's words became: a text's body, or a tap's title. */
  private static String wordsOf(InboundContent content) {
    if (content instanceof InboundContent.ReplyTap tap) {
      return tap.title();
    }
    return ((InboundContent.Text) content).body();
  }

  private static List<JsonNode> items(Payload payload, String field) throws IOException {
    List<JsonNode> items = new ArrayList<>();
    JsonNode root = JSON.readValue(payload.body(), JsonNode.class);
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

  private static String string(JsonNode parent, String object, String field) {
    JsonNode inner = parent.get(object);
    JsonNode value = inner == null || !inner.isObject() ? null : inner.get(field);
    return value != null && value.isString() ? value.getStringValue() : null;
  }

  private static String firstNonNull(String first, String second) {
    return first != null ? first : second;
  }
}
