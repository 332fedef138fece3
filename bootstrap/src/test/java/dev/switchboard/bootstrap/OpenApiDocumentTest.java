package dev.switchboard.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The OpenAPI document written at build time is served by the running bridge, without a token. */
class OpenApiDocumentTest extends RunningBridge {

  @Test
  void the_document_lists_the_webhook_media_and_admin_endpoints() throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/swagger/switchboard.yml"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(200);
    Map<String, Object> document = new Yaml().load(answer.body());
    assertThat(document).containsKey("openapi");
    assertThat(map(document.get("info"))).containsEntry("title", "Switchboard");
    Map<String, Object> paths = map(document.get("paths"));
    assertThat(paths)
        .containsKeys(
            "/webhooks/whatsapp",
            "/webhooks/genesys",
            "/webhooks/genesys/{connection}",
            "/webhooks/telegram/{connection}",
            "/media/{id}",
            "/admin/dead-letters",
            "/admin/dead-letters/{id}/replay",
            "/admin/dead-letters/replay",
            "/admin/dead-letters/{id}",
            "/admin/customers/{connection}/{id}");
    assertThat(map(paths.get("/webhooks/whatsapp"))).containsKeys("get", "post");
    assertThat(map(paths.get("/webhooks/telegram/{connection}"))).containsKey("post");
    assertThat(map(paths.get("/media/{id}"))).containsKey("get");
    assertThat(map(paths.get("/admin/dead-letters/{id}/replay"))).containsKey("post");
    assertThat(map(paths.get("/admin/customers/{connection}/{id}"))).containsKey("delete");
  }
}
