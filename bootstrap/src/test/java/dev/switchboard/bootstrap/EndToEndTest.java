package dev.switchboard.bootstrap;

import static dev.switchboard.application.testing.StubHttpServer.pathContains;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.testing.StubHttpServer.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Flows through the running application, between local stand-ins for Meta and Genesys. */
class EndToEndTest extends RunningBridge {

  @Test
  void health_is_up() {
    assertThat(Stubs.get(server.getURL() + "/health").statusCode()).isEqualTo(200);
  }

  @Test
  void a_customer_text_reaches_genesys_once_with_the_contract_mapping() {
    String wamid = "wamid." + UUID.randomUUID();
    long ts = Instant.now().getEpochSecond() - 30;
    String webhook = Stubs.textWebhook(CUSTOMER, wamid, ts, "Does it come in blue?");

    for (int i = 0; i < 3; i++) {
      assertThat(Stubs.postWhatsApp(server.getURL().toString(), webhook).statusCode())
          .isEqualTo(200);
    }

    Map<String, Object> message = awaitOne(genesys, "/inbound/open/message");
    Map<String, Object> channel = map(message.get("channel"));
    Map<String, Object> from = map(channel.get("from"));
    assertThat(channel.get("messageId")).isEqualTo(wamid);
    assertThat(from)
        .containsEntry("id", CUSTOMER_E164)
        .containsEntry("idType", "Phone")
        .containsEntry("nickname", "Sheena Nelson");
    assertThat(Instant.parse((String) channel.get("time"))).isEqualTo(Instant.ofEpochSecond(ts));
    assertThat(message.get("text")).isEqualTo("Does it come in blue?");
    pause(Duration.ofSeconds(1));
    assertThat(genesys.accepted(pathContains("/inbound/open/message"))).hasSize(1);
  }

  @Test
  void an_agent_text_reaches_whatsapp_and_its_delivery_reaches_genesys() {
    customerWrites(Instant.now());
    String genesysId = UUID.randomUUID().toString().replace("-", "");

    assertThat(
            Stubs.postGenesys(
                    server.getURL().toString(),
                    Stubs.agentText(genesysId, CUSTOMER_E164, "Yes, it does."))
                .statusCode())
        .isEqualTo(200);

    Map<String, Object> send = awaitOne(meta, "/messages");
    assertThat(send).containsEntry("to", CUSTOMER).containsEntry("type", "text");
    assertThat(map(send.get("text"))).containsEntry("body", "Yes, it does.");
    assertThat(meta.accepted(pathContains("/messages")).get(0).path())
        .isEqualTo("/v26.0/" + Stubs.PHONE_NUMBER_ID + "/messages");

    long now = Instant.now().getEpochSecond();
    Stubs.postWhatsApp(
        server.getURL().toString(), Stubs.statusWebhook("wamid.OUT1", "sent", CUSTOMER, now));
    Stubs.postWhatsApp(
        server.getURL().toString(), Stubs.statusWebhook("wamid.OUT1", "delivered", CUSTOMER, now));
    Stubs.postWhatsApp(
        server.getURL().toString(), Stubs.statusWebhook("wamid.OUT1", "read", CUSTOMER, now));

    Map<String, Object> receipt = awaitOne(genesys, "/inbound/open/receipt");
    assertThat(receipt).containsEntry("id", genesysId).containsEntry("status", "Delivered");
    assertThat(map(map(receipt.get("channel")).get("to"))).containsEntry("id", CUSTOMER_E164);
    pause(Duration.ofSeconds(1));
    assertThat(genesys.accepted(pathContains("/inbound/open/receipt"))).hasSize(1);
  }

  @Test
  void outside_the_window_an_agent_text_is_not_sent_and_genesys_hears_message_expired() {
    customerWrites(Instant.now().minus(Duration.ofHours(25)));
    String genesysId = UUID.randomUUID().toString();

    Stubs.postGenesys(
        server.getURL().toString(), Stubs.agentText(genesysId, CUSTOMER_E164, "Too late?"));

    Map<String, Object> receipt = awaitOne(genesys, "/inbound/open/receipt");
    assertThat(receipt).containsEntry("id", genesysId).containsEntry("status", "Failed");
    List<Object> reasons = list(receipt.get("reasons"));
    assertThat(map(reasons.get(0))).containsEntry("code", "MessageExpired");
    assertThat(meta.accepted(pathContains("/messages"))).isEmpty();
  }

  @Test
  void genesys_outage_is_retried_and_the_customer_order_is_kept() {
    genesys.answerNext(
        pathContains("/inbound/open/message"),
        Answer.json(429, "{}").withHeader("Retry-After", "1"));
    genesys.answerNext(pathContains("/inbound/open/message"), Answer.json(503, "{}"));
    long ts = Instant.now().getEpochSecond();
    String first = "wamid.first." + UUID.randomUUID();
    String second = "wamid.second." + UUID.randomUUID();

    Stubs.postWhatsApp(server.getURL().toString(), Stubs.textWebhook(CUSTOMER, first, ts, "one"));
    Stubs.postWhatsApp(server.getURL().toString(), Stubs.textWebhook(CUSTOMER, second, ts, "two"));

    eventually(
        () -> genesys.accepted(pathContains("/inbound/open/message")).size() == 2,
        Duration.ofSeconds(20));
    List<Object> order =
        genesys.accepted(pathContains("/inbound/open/message")).stream()
            .map(r -> map(read(r.body()).get("channel")).get("messageId"))
            .toList();
    assertThat(order).containsExactly(first, second);
    assertThat(genesys.requests(pathContains("/inbound/open/message"))).hasSize(4);
  }

  @Test
  void bad_signatures_are_refused_and_nothing_is_forwarded() {
    String webhook = Stubs.textWebhook(CUSTOMER, "wamid.spoof", 1, "spoofed");
    byte[] body = webhook.getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThat(Stubs.post(server.getURL() + "/webhooks/whatsapp", body, null).statusCode())
        .isEqualTo(401);
    assertThat(
            Stubs.post(server.getURL() + "/webhooks/whatsapp", body, "sha256=" + "0".repeat(64))
                .statusCode())
        .isEqualTo(401);
    pause(Duration.ofMillis(700));
    assertThat(genesys.requests(pathContains("/inbound/open/message"))).isEmpty();
  }
}
