package dev.switchboard.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dead-letter API: behind the admin token, and absent without one. */
class AdminApiTest extends RunningBridge {

  static final String TOKEN = "admin-token-for-tests";

  @Override
  Map<String, Object> extraProperties() {
    return Map.of("switchboard.admin.token", TOKEN);
  }

  @Test
  void an_unusable_webhook_is_listed_with_its_reason_and_can_be_replayed() {
    Stubs.postWhatsApp(server.getURL().toString(), "{\"object\":\"page\",\"entry\":[]}");
    eventually(() -> !list(TOKEN).isEmpty(), Duration.ofSeconds(10));

    Map<String, Object> letter = map(list(TOKEN).get(0));
    assertThat(letter).containsEntry("kind", "webhook").containsEntry("source", "whatsapp");
    assertThat((String) letter.get("reason")).isNotBlank();
    assertThat(letter).doesNotContainKey("body");

    HttpResponse<String> replayed =
        post("/admin/dead-letters/" + letter.get("id") + "/replay", TOKEN);
    assertThat(replayed.statusCode()).isEqualTo(200);
    assertThat(post("/admin/dead-letters/no-such-id/replay", TOKEN).statusCode()).isEqualTo(404);
  }

  @Test
  void dead_letters_are_listed_replayed_and_deleted_by_filter() {
    Stubs.postWhatsApp(server.getURL().toString(), "{\"object\":\"page\",\"entry\":[]}");
    Stubs.postWhatsApp(server.getURL().toString(), "{\"object\":\"page\",\"entry\":[]}");
    eventually(() -> list(TOKEN).size() == 2, Duration.ofSeconds(10));
    String reason = (String) map(list(TOKEN).get(0)).get("reason");
    String piece =
        java.net.URLEncoder.encode(
            reason.substring(0, Math.min(8, reason.length())).toUpperCase(java.util.Locale.ROOT),
            java.nio.charset.StandardCharsets.UTF_8);

    assertThat(listed("?kind=outbox")).isEmpty();
    assertThat(listed("?kind=webhook&reason=" + piece)).hasSize(2);
    assertThat(listed("?reason=no-such-reason-at-all")).isEmpty();
    assertThat(listed("?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z")).isEmpty();
    assertThat(listed("?from=2000-01-01T00:00:00Z&limit=1")).hasSize(1);
    assertThat(listed("?connection=default")).as("a WhatsApp webhook names none").isEmpty();

    HttpResponse<String> none = post("/admin/dead-letters/replay?kind=outbox", TOKEN);
    assertThat(none.statusCode()).isEqualTo(200);
    assertThat(none.body()).isEqualTo("{\"replayed\":0}");
    String id = (String) map(list(TOKEN).get(0)).get("id");
    assertThat(delete("/admin/dead-letters/" + id, TOKEN).statusCode()).isEqualTo(204);
    assertThat(delete("/admin/dead-letters/" + id, TOKEN).statusCode()).isEqualTo(404);
    assertThat(list(TOKEN)).hasSize(1);
    assertThat(delete("/admin/dead-letters", TOKEN).statusCode())
        .as("never all of them by a bare DELETE")
        .isEqualTo(400);
    HttpResponse<String> deleted = delete("/admin/dead-letters?kind=webhook", TOKEN);
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(deleted.body()).isEqualTo("{\"deleted\":1}");
    assertThat(list(TOKEN)).isEmpty();
  }

  @Test
  void a_replay_by_filter_answers_how_many_were_put_back() {
    Stubs.postWhatsApp(server.getURL().toString(), "{\"object\":\"page\",\"entry\":[]}");
    eventually(() -> list(TOKEN).size() == 1, Duration.ofSeconds(10));
    String first = (String) map(list(TOKEN).get(0)).get("id");

    HttpResponse<String> replayed = post("/admin/dead-letters/replay?kind=webhook", TOKEN);

    assertThat(replayed.statusCode()).isEqualTo(200);
    assertThat(replayed.body()).isEqualTo("{\"replayed\":1}");
    // processed again, it fails again: a new letter, not the one replayed
    eventually(() -> list(TOKEN).size() == 1, Duration.ofSeconds(10));
    eventually(() -> !first.equals(map(list(TOKEN).get(0)).get("id")), Duration.ofSeconds(10));
  }

  @Test
  void bad_filters_answer_400_with_a_precise_message() {
    Map<String, String> cases =
        Map.of(
            "?kind=webhooks", "unknown kind 'webhooks': webhook or outbox",
            "?connection=Sales", "connection must be 1 to 32 lower case letters and digits",
            "?from=yesterday", "from must be an ISO-8601 time such as 2026-03-01T10:00:00Z",
            "?to=2026-13-01T00:00:00Z", "to must be an ISO-8601 time such as 2026-03-01T10:00:00Z",
            "?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z",
                "from (2026-03-02T00:00:00Z) is after to (2026-03-01T00:00:00Z)");
    cases.forEach(
        (query, message) -> {
          for (HttpResponse<String> answer :
              List.of(
                  get("/admin/dead-letters" + query, TOKEN),
                  post("/admin/dead-letters/replay" + query, TOKEN),
                  delete("/admin/dead-letters" + query, TOKEN))) {
            assertThat(answer.statusCode()).as(query).isEqualTo(400);
            assertThat(answer.body()).as(query).contains(message);
          }
        });
  }

  @Test
  void without_the_token_the_api_refuses() {
    assertThat(post("/admin/dead-letters/replay", null).statusCode()).isEqualTo(401);
    assertThat(delete("/admin/dead-letters/webhook-1", "not-the-token").statusCode())
        .isEqualTo(401);
    assertThat(delete("/admin/dead-letters?kind=webhook", null).statusCode()).isEqualTo(401);
    assertThat(get("/admin/dead-letters", null).statusCode()).isEqualTo(401);
    assertThat(get("/admin/dead-letters", "not-the-token").statusCode()).isEqualTo(401);
    assertThat(post("/admin/dead-letters/1/replay", "not-the-token").statusCode()).isEqualTo(401);
  }

  @Test
  void without_a_configured_token_the_api_does_not_exist() {
    Map<String, Object> properties =
        Stubs.properties(meta, genesys, dataDir.resolve("other").toString());
    properties.put("micronaut.server.port", -1);
    try (EmbeddedServer plain = ApplicationContext.run(EmbeddedServer.class, properties)) {
      HttpResponse<String> answer =
          send(HttpRequest.newBuilder(URI.create(plain.getURL() + "/admin/dead-letters")).build());
      assertThat(answer.statusCode()).isEqualTo(404);
    }
  }

  private List<Object> list(String token) {
    HttpResponse<String> answer = get("/admin/dead-letters", token);
    assertThat(answer.statusCode()).isEqualTo(200);
    return list(read(answer.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), true));
  }

  private List<Object> listed(String query) {
    HttpResponse<String> answer = get("/admin/dead-letters" + query, TOKEN);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return list(read(answer.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), true));
  }

  private HttpResponse<String> delete(String path, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.getURL() + path)).DELETE();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  private HttpResponse<String> get(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  private HttpResponse<String> post(String path, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.getURL() + path))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
