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
  void without_the_token_the_api_refuses() {
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
