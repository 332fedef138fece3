package dev.switchboard.bootstrap;

import static dev.switchboard.application.testing.StubHttpServer.pathContains;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.testing.StubHttpServer.Request;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two WhatsApp numbers, each bound to its own Genesys integration, in one running bridge: the
 * {@code default} connection of the top-level settings and a connection named {@code sales} that
 * only one customer may write to.
 */
class ConnectionsEndToEndTest extends RunningBridge {

  static final String SALES_NUMBER = "106540352242999";
  static final String SALES_INTEGRATION = "1b9e8a2c-7d44-4f0e-9a51-3c2f6e8d0b17";
  static final String SALES_SECRET = "sales-webhook-secret";
  static final String STRANGER = "447700900123";
  static final String ADMIN_TOKEN = "connections-admin-token";

  @Override
  Map<String, Object> extraProperties() {
    Map<String, Object> sales = new HashMap<>();
    sales.put("switchboard.connections.sales.channel", "whatsapp");
    sales.put("switchboard.connections.sales.whatsapp.phone-number-id", SALES_NUMBER);
    sales.put("switchboard.connections.sales.genesys.integration-id", SALES_INTEGRATION);
    sales.put("switchboard.connections.sales.genesys.webhook-secret", SALES_SECRET);
    sales.put("switchboard.connections.sales.allowed-customers", CUSTOMER_E164 + ", 15550000000");
    sales.put("switchboard.admin.token", ADMIN_TOKEN);
    return sales;
  }

  private String url() {
    return server.getURL().toString();
  }

  private List<Request> forwardedTo(String integration, String wamid) {
    return genesys
        .accepted(pathContains("/messages/" + integration + "/inbound/open/message"))
        .stream()
        .filter(request -> request.text().contains(wamid))
        .toList();
  }

  private List<Request> sentFrom(String number, String text) {
    return meta.accepted(pathContains("/" + number + "/messages")).stream()
        .filter(request -> request.text().contains(text))
        .toList();
  }

  private static String wamid() {
    return "wamid." + UUID.randomUUID();
  }

  @Test
  void two_numbers_reach_their_own_integrations_and_agents_answer_from_their_own_numbers() {
    long now = Instant.now().getEpochSecond();
    String toDefault = wamid();
    String toSales = wamid();
    Stubs.postWhatsApp(url(), Stubs.textWebhook(CUSTOMER, toDefault, now, "to the default"));
    Stubs.postWhatsApp(
        url(), Stubs.textWebhookTo(SALES_NUMBER, CUSTOMER, toSales, now, "to sales"));

    eventually(() -> !forwardedTo(SALES_INTEGRATION, toSales).isEmpty(), Duration.ofSeconds(10));
    eventually(
        () -> !forwardedTo(Stubs.INTEGRATION_ID, toDefault).isEmpty(), Duration.ofSeconds(10));
    pause(Duration.ofMillis(500));
    assertThat(forwardedTo(Stubs.INTEGRATION_ID, toSales)).isEmpty();
    assertThat(forwardedTo(SALES_INTEGRATION, toDefault)).isEmpty();

    HttpResponse<String> accepted =
        Stubs.postGenesys(
            url(),
            "sales",
            SALES_SECRET,
            Stubs.agentTextOf(SALES_INTEGRATION, "g-sales-1", CUSTOMER_E164, "from sales"));
    assertThat(accepted.statusCode()).isEqualTo(200);
    Stubs.postGenesys(url(), Stubs.agentText("g-default-1", CUSTOMER_E164, "from default"));

    eventually(() -> !sentFrom(SALES_NUMBER, "from sales").isEmpty(), Duration.ofSeconds(10));
    eventually(
        () -> !sentFrom(Stubs.PHONE_NUMBER_ID, "from default").isEmpty(), Duration.ofSeconds(10));
    pause(Duration.ofMillis(500));
    assertThat(sentFrom(Stubs.PHONE_NUMBER_ID, "from sales")).isEmpty();
    assertThat(sentFrom(SALES_NUMBER, "from default")).isEmpty();
  }

  @Test
  void each_genesys_integration_signs_with_its_own_secret_and_unknown_connections_are_404() {
    String reply = Stubs.agentTextOf(SALES_INTEGRATION, "g-sales-2", CUSTOMER_E164, "x");

    assertThat(Stubs.postGenesys(url(), "sales", Stubs.WEBHOOK_SECRET, reply).statusCode())
        .as("the default connection's secret does not sign for sales")
        .isEqualTo(401);
    assertThat(Stubs.postGenesys(url(), "nosuchconnection", SALES_SECRET, reply).statusCode())
        .isEqualTo(404);
    assertThat(Stubs.postGenesys(url(), "Bad-Name", SALES_SECRET, reply).statusCode())
        .isEqualTo(404);
    assertThat(Stubs.postGenesys(url(), "sales", SALES_SECRET, reply).statusCode()).isEqualTo(200);
  }

  @Test
  void a_number_no_connection_serves_is_dead_lettered_with_a_reason_naming_it() {
    String lost = wamid();
    String ok = wamid();
    long now = Instant.now().getEpochSecond();
    assertThat(
            Stubs.postWhatsApp(
                    url(), Stubs.textWebhookTo("999999999999999", CUSTOMER, lost, now, "lost"))
                .statusCode())
        .isEqualTo(200);
    Stubs.postWhatsApp(url(), Stubs.textWebhook(CUSTOMER, ok, now, "still forwarded"));

    eventually(() -> !forwardedTo(Stubs.INTEGRATION_ID, ok).isEmpty(), Duration.ofSeconds(10));
    eventually(() -> deadLetters().contains("999999999999999"), Duration.ofSeconds(10));
    assertThat(genesys.accepted(pathContains("/inbound/open/message")))
        .noneMatch(request -> request.text().contains(lost));
  }

  @Test
  void a_customer_not_allowed_on_a_connection_is_answered_200_counted_and_never_forwarded() {
    String stranger = wamid();
    String allowed = wamid();
    long now = Instant.now().getEpochSecond();

    HttpResponse<String> refused =
        Stubs.postWhatsApp(
            url(), Stubs.textWebhookTo(SALES_NUMBER, STRANGER, stranger, now, "let me in"));
    Stubs.postWhatsApp(
        url(), Stubs.textWebhookTo(SALES_NUMBER, CUSTOMER, allowed, now, "I am on the list"));

    assertThat(refused.statusCode()).isEqualTo(200);
    eventually(() -> !forwardedTo(SALES_INTEGRATION, allowed).isEmpty(), Duration.ofSeconds(10));
    pause(Duration.ofMillis(500));
    assertThat(genesys.accepted(pathContains("/inbound/open/message")))
        .noneMatch(request -> request.text().contains(stranger));
    assertThat(deadLetters()).doesNotContain(stranger);
    assertThat(Stubs.get(url() + "/prometheus").body())
        .contains("switchboard_customers_refused_total{connection=\"sales\"} 1.0");

    // the default connection has no list: the same customer may write to it
    String other = wamid();
    Stubs.postWhatsApp(url(), Stubs.textWebhook(STRANGER, other, now, "hello default"));
    eventually(() -> !forwardedTo(Stubs.INTEGRATION_ID, other).isEmpty(), Duration.ofSeconds(10));
  }

  @Test
  void the_window_is_kept_per_connection() {
    String toSales = wamid();
    Stubs.postWhatsApp(
        url(),
        Stubs.textWebhookTo(
            SALES_NUMBER, CUSTOMER, toSales, Instant.now().getEpochSecond(), "only to sales"));
    eventually(() -> !forwardedTo(SALES_INTEGRATION, toSales).isEmpty(), Duration.ofSeconds(10));

    Stubs.postGenesys(url(), Stubs.agentText("g-closed", CUSTOMER_E164, "from the default desk"));
    eventually(
        () -> receipt(Stubs.INTEGRATION_ID, "g-closed").contains("MessageExpired"),
        Duration.ofSeconds(10));
    assertThat(meta.accepted(pathContains("/messages")))
        .noneMatch(request -> request.text().contains("from the default desk"));

    Stubs.postGenesys(
        url(),
        "sales",
        SALES_SECRET,
        Stubs.agentTextOf(SALES_INTEGRATION, "g-open", CUSTOMER_E164, "from the sales desk"));
    eventually(
        () -> !sentFrom(SALES_NUMBER, "from the sales desk").isEmpty(), Duration.ofSeconds(10));
  }

  private String receipt(String integration, String messageId) {
    return genesys
        .accepted(pathContains("/messages/" + integration + "/inbound/open/receipt"))
        .stream()
        .map(Request::text)
        .filter(text -> text.contains(messageId))
        .findFirst()
        .orElse("");
  }

  private String deadLetters() {
    try {
      java.net.http.HttpRequest request =
          java.net.http.HttpRequest.newBuilder(
                  java.net.URI.create(url() + "/admin/dead-letters?limit=100"))
              .header("Authorization", "Bearer " + ADMIN_TOKEN)
              .build();
      return java.net.http.HttpClient.newHttpClient()
          .send(request, java.net.http.HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
