package dev.switchboard.bootstrap;

import static dev.switchboard.application.testing.StubHttpServer.pathContains;
import static dev.switchboard.application.testing.StubHttpServer.pathEndsWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.testing.StubHttpServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Nothing an agent sends is lost in translation, through the running application: what cannot be
 * carried whole is not sent and fails once, cards become interactive messages whose taps answer as
 * buttons, templates go out with all their parameters, and an older payload without {@code idType}
 * still reaches a phone number.
 */
class FidelityEndToEndTest extends RunningBridge {

  @Test
  void a_message_with_a_date_picker_is_not_sent_and_fails_once_as_unsupported() {
    customerWrites(Instant.now());
    String genesysId = UUID.randomUUID().toString();
    Stubs.postGenesys(
        server.getURL().toString(),
        Stubs.agentContent(
            genesysId,
            CUSTOMER_E164,
            "Structured",
            "Pick a time for the call",
            """
            [{"contentType":"DatePicker","datePicker":{"title":"Pick a time","availableTimes":[
              {"dateTime":"2027-01-05T10:00:00.000Z","duration":1800}]}}]
            """));

    Map<String, Object> receipt = awaitOne(genesys, "/inbound/open/receipt");
    assertThat(receipt).containsEntry("id", genesysId).containsEntry("status", "Failed");
    Map<String, Object> reason = map(list(receipt.get("reasons")).get(0));
    assertThat(reason).containsEntry("code", "UnsupportedMessage");
    assertThat((String) reason.get("message")).contains("DatePicker");
    pause(Duration.ofMillis(500));
    assertThat(meta.accepted(pathContains("/messages"))).isEmpty();
    assertThat(genesys.accepted(pathContains("/inbound/open/receipt"))).hasSize(1);
  }

  @Test
  void a_card_is_reply_buttons_under_its_uploaded_image_and_a_tap_answers_as_a_button() {
    customerWrites(Instant.now());
    String genesysId = UUID.randomUUID().toString();
    Stubs.postGenesys(
        server.getURL().toString(),
        Stubs.agentContent(
            genesysId,
            CUSTOMER_E164,
            "Structured",
            "Our best offer",
            """
            [{"contentType":"Card","card":{"title":"Premium plan","description":"30 EUR a month",
              "image":"%s/api/v2/downloads/pccard1",
              "actions":[{"type":"Postback","text":"Choose it","payload":"plan-premium"},
                         {"type":"Postback","text":"Not now","payload":"plan-later"}]}}]
            """
                .formatted(genesys.url())));

    eventually(
        () ->
            meta.accepted(pathEndsWith("/messages")).stream()
                .anyMatch(r -> read(r.body()).containsKey("interactive")),
        Duration.ofSeconds(10));
    // the stub numbers its uploads and sends with one counter, in the order they arrive
    List<StubHttpServer.Request> calls =
        meta.accepted(pathEndsWith("/media").or(pathEndsWith("/messages")));
    int card = 0;
    while (!calls.get(card).text().contains("interactive")) {
      card++;
    }
    assertThat(calls.get(card - 1).path()).endsWith("/media");
    assertThat(calls.get(card - 1).text()).contains(Stubs.AGENT_MEDIA);
    Map<String, Object> interactive = map(read(calls.get(card).body()).get("interactive"));
    assertThat(interactive).containsEntry("type", "button");
    assertThat(map(interactive.get("header")))
        .as("the card's image, uploaded, is the header")
        .isEqualTo(Map.of("type", "image", "image", Map.of("id", "uploaded-" + card)));
    assertThat(map(interactive.get("body")).get("text")).isEqualTo("Premium plan\n30 EUR a month");
    List<Object> buttons = list(map(interactive.get("action")).get("buttons"));
    String chosen = (String) map(map(buttons.get(0)).get("reply")).get("id");
    String cardWamid = "wamid.OUT" + (card + 1);
    pause(Duration.ofMillis(500)); // the send's answer is recorded just after the stub gave it

    Stubs.postWhatsApp(
        server.getURL().toString(),
        Stubs.messageWebhook(
            CUSTOMER,
            "wamid.tap." + UUID.randomUUID(),
            "interactive",
            """
            "context":{"from":"15550783881","id":"%s"},
            "interactive":{"type":"button_reply","button_reply":{"id":"%s","title":"Choose it"}}
            """
                .formatted(cardWamid, chosen)));

    Map<String, Object> answer = awaitOne(genesys, "/inbound/open/structured/response");
    assertThat(answer).containsEntry("originatingMessageId", genesysId);
    assertThat(map(answer.get("buttonResponse")))
        .containsEntry("type", "Button")
        .containsEntry("text", "Choose it")
        .containsEntry("payload", "plan-premium");
  }

  @Test
  void a_template_goes_out_with_its_uploaded_header_body_and_url_button_outside_the_window() {
    String genesysId = UUID.randomUUID().toString();
    Stubs.postGenesys(
        server.getURL().toString(),
        Stubs.agentContent(
            genesysId,
            CUSTOMER_E164,
            "Structured",
            "Order A-1009 is on its way",
            """
            [{"contentType":"Notification","template":{"id":"acme_ns@order_label","language":"en_US",
              "header":{"type":"Media","media":{"mediaType":"Image","mime":"image/png",
                        "url":"%s/api/v2/downloads/pchdr1"}},
              "body":{"text":"Order {{1}} is on its way","parameters":[{"name":"1","text":"A-1009"}]},
              "buttons":[{"type":"Url","index":0,"parameters":[{"name":"1","text":"A-1009"}]}]}}]
            """
                .formatted(genesys.url())));

    Map<String, Object> send = awaitOne(meta, "/messages");
    assertThat(send).containsEntry("type", "template");
    Map<String, Object> template = map(send.get("template"));
    assertThat(template).containsEntry("name", "order_label");
    assertThat(list(template.get("components")))
        .containsExactly(
            Map.of(
                "type",
                "header",
                "parameters",
                List.of(Map.of("type", "image", "image", Map.of("id", "uploaded-1")))),
            Map.of("type", "body", "parameters", List.of(Map.of("type", "text", "text", "A-1009"))),
            Map.of(
                "type",
                "button",
                "sub_type",
                "url",
                "index",
                "0",
                "parameters",
                List.of(Map.of("type", "text", "text", "A-1009"))));
    assertThat(meta.accepted(pathEndsWith("/messages")).get(0).text())
        .doesNotContain(genesys.url());
  }

  @Test
  void a_reply_without_an_id_type_to_a_phone_number_reaches_the_customer() {
    customerWrites(Instant.now());
    String genesysId = UUID.randomUUID().toString();
    Stubs.postGenesys(
        server.getURL().toString(),
        Stubs.agentText(genesysId, CUSTOMER_E164, "Thanks for waiting")
            .replace(",\"idType\":\"Phone\"},\"from\"", "},\"from\""));

    Map<String, Object> send = awaitOne(meta, "/messages");
    assertThat(send).containsEntry("to", CUSTOMER).containsEntry("type", "text");
    pause(Duration.ofMillis(300));
    assertThat(genesys.accepted(pathContains("/inbound/open/receipt")))
        .noneSatisfy(r -> assertThat(r.text()).contains("Failed"));
  }
}
