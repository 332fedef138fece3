package dev.switchboard.bootstrap;

import static dev.switchboard.application.testing.StubHttpServer.pathContains;
import static dev.switchboard.application.testing.StubHttpServer.pathEndsWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.testing.StubHttpServer.Answer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees of a flow through the running bridge: the meters at {@code /prometheus}
 * count it (a forwarded message behind a 503, a sent one, a failed one, a refused customer, a
 * forged webhook) without naming a customer or a message, and {@code GET /admin/messages/{id}}
 * traces a message until an erasure of its customer removes the trace.
 */
class ObservabilityEndToEndTest extends RunningBridge {

  private static final String TOKEN = "observability-admin-token";
  private static final String SALES_NUMBER = "5550001111";
  private static final String STRANGER = "447700900123";

  @Override
  Map<String, Object> extraProperties() {
    Map<String, Object> properties = new HashMap<>();
    properties.put("switchboard.admin.token", TOKEN);
    properties.put("switchboard.connections.sales.channel", "whatsapp");
    properties.put("switchboard.connections.sales.whatsapp.phone-number-id", SALES_NUMBER);
    properties.put("switchboard.connections.sales.genesys.integration-id", "sales-integration");
    properties.put("switchboard.connections.sales.genesys.webhook-secret", "sales-secret");
    properties.put("switchboard.connections.sales.allowed-customers", CUSTOMER_E164);
    properties.put("micronaut.server.max-request-size", "65536");
    return properties;
  }

  private String url() {
    return server.getURL().toString();
  }

  @Test
  void the_meters_count_the_flow_and_a_trace_follows_one_message_until_it_is_erased() {
    String wamid = "wamid.HBgL" + UUID.randomUUID() + "+/=";
    genesys.answerNext(pathContains("/inbound/open/message"), Answer.json(503, "{}"));
    long now = Instant.now().getEpochSecond();
    Stubs.postWhatsApp(url(), Stubs.textWebhook(CUSTOMER, wamid, now, "my secret words"));
    eventually(
        () ->
            genesys.accepted(pathContains("/inbound/open/message")).stream()
                .anyMatch(r -> r.text().contains(wamid.substring(10, 20))),
        Duration.ofSeconds(20));

    String answered = "gen-" + UUID.randomUUID();
    Stubs.postGenesys(url(), Stubs.agentText(answered, CUSTOMER_E164, "an answer"));
    eventually(() -> !meta.accepted(pathEndsWith("/messages")).isEmpty(), Duration.ofSeconds(10));

    meta.answerNext(
        pathEndsWith("/messages"),
        Answer.json(
            400,
            "{\"error\":{\"message\":\"(#131026) Message undeliverable\",\"type\":\"OAuthException\","
                + "\"code\":131026,\"fbtrace_id\":\"x\"}}"));
    String refusedByMeta = "gen-" + UUID.randomUUID();
    Stubs.postGenesys(url(), Stubs.agentText(refusedByMeta, CUSTOMER_E164, "undeliverable"));

    Stubs.postWhatsApp(
        url(), Stubs.textWebhookTo(SALES_NUMBER, STRANGER, "wamid.stranger", now, "let me in"));
    assertThat(
            Stubs.post(url() + "/webhooks/whatsapp", "{}".getBytes(), "sha256=" + "0".repeat(64))
                .statusCode())
        .isEqualTo(401);

    try {
      Stubs.post(url() + "/webhooks/whatsapp", new byte[100_000], "sha256=" + "0".repeat(64));
    } catch (java.io.UncheckedIOException refusedMidway) {
      // the bridge may answer 413 and close before the whole body is written
    }

    // the failure is counted when the channel refuses the send; its receipt when Genesys takes it
    eventually(
        () ->
            value(scrape(), "switchboard_messages_total", "direction=\"to_customer\"", "failed")
                    >= 1
                && value(scrape(), "switchboard_receipts_total", "Failed") >= 1,
        Duration.ofSeconds(20));
    String scrape = scrape();
    assertThat(value(scrape, "switchboard_webhooks_total", "source=\"whatsapp\"", "accepted"))
        .isEqualTo(2);
    assertThat(value(scrape, "switchboard_webhooks_total", "source=\"whatsapp\"", "unauthorized"))
        .isEqualTo(1);
    assertThat(value(scrape, "switchboard_webhooks_total", "source=\"whatsapp\"", "too_large"))
        .isEqualTo(1);
    assertThat(value(scrape, "switchboard_webhooks_total", "source=\"genesys\"", "accepted"))
        .isEqualTo(2);
    assertThat(value(scrape, "switchboard_messages_total", "to_agent", "forwarded")).isEqualTo(1);
    assertThat(value(scrape, "switchboard_messages_total", "to_customer", "\"sent\"")).isEqualTo(1);
    assertThat(value(scrape, "switchboard_messages_total", "to_customer", "\"failed\""))
        .isEqualTo(1);
    assertThat(value(scrape, "switchboard_messages_total", "connection=\"sales\"", "refused"))
        .isEqualTo(1);
    assertThat(value(scrape, "switchboard_customers_refused_total", "sales")).isEqualTo(1);
    assertThat(value(scrape, "switchboard_upstream_seconds_count", "genesys", "retryable"))
        .isEqualTo(1);
    assertThat(value(scrape, "switchboard_upstream_seconds_count", "genesys", "\"ok\""))
        .isGreaterThanOrEqualTo(2);
    assertThat(value(scrape, "switchboard_upstream_seconds_count", "whatsapp", "\"failed\""))
        .isEqualTo(1);
    assertThat(value(scrape, "switchboard_receipts_total", "Failed")).isEqualTo(1);
    assertThat(value(scrape, "switchboard_end_to_end_seconds_count", "to_agent")).isEqualTo(1);
    assertThat(value(scrape, "switchboard_end_to_end_seconds_count", "to_customer")).isEqualTo(1);
    assertThat(scrape)
        .contains(
            "switchboard_backlog{stage=\"inbox\"}",
            "switchboard_backlog{stage=\"outbox\"}",
            "switchboard_backlog{stage=\"dead_letters\"}",
            "jvm_memory_used_bytes",
            "hikaricp_connections_active",
            "http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\","
                + "status=\"200\",uri=\"/webhooks/whatsapp\"}");
    assertThat(GrafanaDashboard.meterNames())
        .as("every meter the dashboard's queries name is one this flow shows")
        .isNotEmpty()
        .allSatisfy(
            meter ->
                assertThat(scrape)
                    .as("the scrape shows " + meter)
                    .containsPattern("(?m)^" + meter + "[{ ]"));
    for (String leak :
        List.of(CUSTOMER, STRANGER, wamid, "wamid.stranger", answered, refusedByMeta)) {
      assertThat(scrape).as("the scrape names " + leak).doesNotContain(leak);
    }

    String path = "/admin/messages/" + wamid;
    assertThat(get(path, null).statusCode()).isEqualTo(401);
    assertThat(get(path, "wrong").statusCode()).isEqualTo(401);
    assertThat(get("/admin/messages/wamid.NOSUCH", TOKEN).statusCode()).isEqualTo(404);
    HttpResponse<String> trace = get(path, TOKEN);
    assertThat(trace.statusCode()).isEqualTo(200);
    Map<String, Object> body = read(trace.body().getBytes());
    assertThat(body).containsEntry("id", wamid).containsEntry("direction", "to_agent");
    assertThat(body).containsEntry("connection", "default");
    assertThat(stages(body))
        .containsExactly("accepted", "processed", "queued", "attempt", "attempt", "sent");
    assertThat(details(body)).anyMatch(d -> d.startsWith("genesys 503"));
    assertThat(trace.body()).doesNotContain("my secret words").doesNotContain(CUSTOMER);

    Map<String, Object> failed =
        read(get("/admin/messages/" + refusedByMeta, TOKEN).body().getBytes());
    assertThat(stages(failed))
        .containsSubsequence("processed", "queued", "attempt", "failed", "receipt");
    assertThat(details(failed)).contains("Failed").noneMatch(d -> d.contains(CUSTOMER));
    assertThat(stages(read(get("/admin/messages/" + answered, TOKEN).body().getBytes())))
        .containsSubsequence("processed", "queued", "attempt", "sent");

    assertThat(erase(CUSTOMER).statusCode()).isEqualTo(204);
    assertThat(get(path, TOKEN).statusCode()).as("erased with its customer").isEqualTo(404);
    assertThat(get("/admin/messages/" + answered, TOKEN).statusCode()).isEqualTo(404);
  }

  private String scrape() {
    return Stubs.get(url() + "/prometheus").body();
  }

  /** The sum of the samples of {@code meter} whose line holds every one of {@code parts}. */
  private static double value(String scrape, String meter, String... parts) {
    double sum = 0;
    Pattern sample = Pattern.compile("^" + Pattern.quote(meter) + "\\{(.*)}\\s+(\\S+)$");
    for (String line : scrape.split("\n")) {
      Matcher matcher = sample.matcher(line);
      if (matcher.matches() && List.of(parts).stream().allMatch(matcher.group(1)::contains)) {
        sum += Double.parseDouble(matcher.group(2));
      }
    }
    return sum;
  }

  private static List<String> stages(Map<String, Object> trace) {
    List<String> stages = new ArrayList<>();
    for (Object event : list(trace.get("events"))) {
      stages.add((String) map(event).get("stage"));
    }
    return stages;
  }

  private static List<String> details(Map<String, Object> trace) {
    List<String> details = new ArrayList<>();
    for (Object event : list(trace.get("events"))) {
      Object detail = map(event).get("detail");
      if (detail != null) {
        details.add(detail.toString());
      }
    }
    return details;
  }

  private HttpResponse<String> get(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.GET().build());
  }

  private HttpResponse<String> erase(String id) {
    return send(
        HttpRequest.newBuilder(URI.create(url() + "/admin/customers/default/" + id))
            .header("Authorization", "Bearer " + TOKEN)
            .DELETE()
            .build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
