package dev.switchboard.bootstrap;

import static dev.switchboard.application.testing.StubHttpServer.pathContains;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A Genesys {@code Failed} receipt for a customer's message the bridge forwarded: the message goes
 * to the dead letters (the outbox no longer holds it), is counted as failed, and a replay forwards
 * it to Genesys again; a {@code Delivered} receipt and a receipt for an unknown id change nothing.
 */
class ForwardFailureEndToEndTest extends RunningBridge {

  private static final String TOKEN = "admin-token-for-tests";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Override
  Map<String, Object> extraProperties() {
    return Map.of("switchboard.admin.token", TOKEN);
  }

  @Test
  void a_failed_receipt_dead_letters_the_forwarded_message_and_a_replay_forwards_it_again() {
    String wamid = customerWritesAndIsForwarded();

    assertThat(Stubs.postGenesys(server.getURL().toString(), failedReceipt(wamid)).statusCode())
        .isEqualTo(200);

    eventually(() -> deadLetters().size() == 1, Duration.ofSeconds(10));
    Map<String, Object> letter = map(deadLetters().get(0));
    assertThat(letter).containsEntry("kind", "outbox").containsEntry("connection", "default");
    assertThat((String) letter.get("reason")).contains("DataFiltered");
    assertThat(letter).containsEntry("item", "ForwardToContactCenter");
    assertThat(letter.toString()).as("never the content").doesNotContain("hello");
    assertThat(prometheus())
        .contains(
            "switchboard_messages_total{connection=\"default\",direction=\"to_agent\","
                + "outcome=\"failed\"} 1.0");

    HttpResponse<String> replayed =
        admin("POST", "/admin/dead-letters/" + letter.get("id") + "/replay");

    assertThat(replayed.statusCode()).isEqualTo(200);
    eventually(() -> forwarded(wamid).size() == 2, Duration.ofSeconds(10));
    Map<String, Object> again = read(forwarded(wamid).get(1).getBytes(StandardCharsets.UTF_8));
    assertThat(map(again.get("channel")).get("messageId"))
        .as("the same stable id: Genesys de-duplicates by it")
        .isEqualTo(wamid);
    assertThat(again.get("text")).isEqualTo("hello");
    assertThat(deadLetters()).isEmpty();

    // the replayed forward is kept again: a second failure is set aside again
    Stubs.postGenesys(server.getURL().toString(), failedReceipt(wamid));
    eventually(() -> deadLetters().size() == 1, Duration.ofSeconds(10));
  }

  @Test
  void delivered_receipts_and_receipts_for_unknown_messages_change_nothing() {
    String wamid = customerWritesAndIsForwarded();

    Stubs.postGenesys(server.getURL().toString(), receipt(wamid, "Delivered", ""));
    Stubs.postGenesys(server.getURL().toString(), failedReceipt("wamid.never-forwarded"));
    // a failure reported after the delivery finds nothing kept any more
    Stubs.postGenesys(server.getURL().toString(), failedReceipt(wamid));
    pause(Duration.ofSeconds(1));

    assertThat(deadLetters()).isEmpty();
    assertThat(forwarded(wamid)).hasSize(1);
    assertThat(prometheus()).doesNotContain("outcome=\"failed\"");
  }

  private String customerWritesAndIsForwarded() {
    String wamid = "wamid." + UUID.randomUUID();
    Stubs.postWhatsApp(
        server.getURL().toString(),
        Stubs.textWebhook(CUSTOMER, wamid, Instant.now().getEpochSecond(), "hello"));
    eventually(() -> forwarded(wamid).size() == 1, Duration.ofSeconds(10));
    return wamid;
  }

  private static String failedReceipt(String wamid) {
    return receipt(
        wamid,
        "Failed",
        ",\"reasons\":[{\"code\":\"DataFiltered\","
            + "\"message\":\"The message was filtered by a data filter rule.\"}]");
  }

  private static String receipt(String wamid, String status, String reasons) {
    return "{\"id\":\""
        + UUID.randomUUID().toString().replace("-", "")
        + "\",\"channel\":{\"id\":\""
        + Stubs.INTEGRATION_ID
        + "\",\"platform\":\"Open\",\"type\":\"Private\",\"to\":{\"id\":\""
        + Stubs.INTEGRATION_ID
        + "\"},\"from\":{\"id\":\""
        + CUSTOMER_E164
        + "\",\"idType\":\"Phone\"},\"time\":\""
        + Instant.now()
        + "\",\"messageId\":\""
        + wamid
        + "\"},\"type\":\"Receipt\",\"status\":\""
        + status
        + "\""
        + reasons
        + ",\"isFinalReceipt\":true,\"direction\":\"Inbound\"}";
  }

  private List<String> forwarded(String wamid) {
    return genesys.accepted(pathContains("/inbound/open/message")).stream()
        .map(request -> new String(request.body(), StandardCharsets.UTF_8))
        .filter(text -> text.contains(wamid))
        .toList();
  }

  private List<Object> deadLetters() {
    HttpResponse<String> answer = admin("GET", "/admin/dead-letters");
    assertThat(answer.statusCode()).isEqualTo(200);
    return list(read(answer.body().getBytes(StandardCharsets.UTF_8), true));
  }

  private HttpResponse<String> admin(String method, String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.getURL() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .header("Authorization", "Bearer " + TOKEN)
            .timeout(Duration.ofSeconds(10))
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String prometheus() {
    return Stubs.get(server.getURL() + "/prometheus").body();
  }
}
