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
  void a_customer_named_by_number_and_user_id_stays_one_participant_and_is_answered_by_number() {
    String userId = "US.48291037562910384756";
    long ts = Instant.now().getEpochSecond();
    String both = "wamid.both." + UUID.randomUUID();
    String hidden = "wamid.hidden." + UUID.randomUUID();
    Stubs.postWhatsApp(
        server.getURL().toString(),
        Stubs.textWebhook(CUSTOMER, both, ts, "I still share my number")
            .replace("\"from\":\"" + CUSTOMER + "\"", fromBoth(userId))
            .replace(
                "\"wa_id\":\"" + CUSTOMER + "\"",
                "\"wa_id\":\"" + CUSTOMER + "\",\"user_id\":\"" + userId + "\""));
    eventually(() -> forwardedFrom(both) != null, Duration.ofSeconds(10));
    Stubs.postWhatsApp(
        server.getURL().toString(),
        Stubs.textWebhook(CUSTOMER, hidden, ts + 1, "now my number is hidden")
            .replace("\"from\":\"" + CUSTOMER + "\"", "\"from_user_id\":\"" + userId + "\"")
            .replace("\"wa_id\":\"" + CUSTOMER + "\"", "\"user_id\":\"" + userId + "\""));
    eventually(() -> forwardedFrom(hidden) != null, Duration.ofSeconds(10));

    assertThat(forwardedFrom(both))
        .containsEntry("id", CUSTOMER_E164)
        .containsEntry("idType", "Phone");
    assertThat(forwardedFrom(hidden)).isEqualTo(forwardedFrom(both));

    String genesysId = UUID.randomUUID().toString().replace("-", "");
    Stubs.postGenesys(
        server.getURL().toString(), Stubs.agentText(genesysId, CUSTOMER_E164, "we know you"));
    Map<String, Object> send = awaitOne(meta, "/messages");
    assertThat(send).containsEntry("to", CUSTOMER).doesNotContainKey("recipient");

    // a status that names the customer only by user id still finds the message by its wamid
    Stubs.postWhatsApp(
        server.getURL().toString(),
        Stubs.statusWebhook("wamid.OUT1", "delivered", CUSTOMER, ts + 2)
            .replace(
                "\"recipient_id\":\"" + CUSTOMER + "\"",
                "\"recipient_user_id\":\"" + userId + "\""));
    Map<String, Object> receipt = awaitOne(genesys, "/inbound/open/receipt");
    assertThat(receipt).containsEntry("id", genesysId).containsEntry("status", "Delivered");
    assertThat(map(map(receipt.get("channel")).get("to"))).containsEntry("id", CUSTOMER_E164);
  }

  @Test
  void
      a_mexican_number_in_its_legacy_form_reaches_genesys_without_the_1_and_is_answered_as_given() {
    String legacy = "5216681855146";
    String wamid = "wamid.mx." + UUID.randomUUID();
    Stubs.postWhatsApp(
        server.getURL().toString(),
        Stubs.textWebhook(legacy, wamid, Instant.now().getEpochSecond(), "hola"));
    eventually(() -> forwardedFrom(wamid) != null, Duration.ofSeconds(10));
    assertThat(forwardedFrom(wamid))
        .containsEntry("id", "+526681855146")
        .containsEntry("idType", "Phone");

    Stubs.postGenesys(
        server.getURL().toString(),
        Stubs.agentText(UUID.randomUUID().toString(), "+526681855146", "en que te ayudo"));

    assertThat(awaitOne(meta, "/messages")).containsEntry("to", legacy);
  }

  private static String fromBoth(String userId) {
    return "\"from\":\"" + CUSTOMER + "\",\"from_user_id\":\"" + userId + "\"";
  }

  /** The {@code channel.from} Genesys got with the message {@code wamid}; null before it does. */
  private Map<String, Object> forwardedFrom(String wamid) {
    return genesys.accepted(pathContains("/inbound/open/message")).stream()
        .map(request -> map(read(request.body()).get("channel")))
        .filter(channel -> wamid.equals(channel.get("messageId")))
        .map(channel -> map(channel.get("from")))
        .findFirst()
        .orElse(null);
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
