package dev.switchboard.application.testing;

import static dev.switchboard.application.testing.StubHttpServer.pathContains;
import static dev.switchboard.application.testing.StubHttpServer.pathEndsWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.testing.StubHttpServer.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StubHttpServerTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final StubHttpServer server =
      new StubHttpServer(request -> Answer.json(200, "{\"route\":\"" + request.path() + "\"}"));

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void records_the_request_and_answers_by_the_routes() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/a/b"))
                .header("X-Thing", "one")
                .POST(HttpRequest.BodyPublishers.ofString("hello"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"route\":\"/a/b\"}");
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(server.requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.method()).isEqualTo("POST");
              assertThat(r.path()).isEqualTo("/a/b");
              assertThat(r.header("x-thing")).isEqualTo("one");
              assertThat(r.text()).isEqualTo("hello");
            });
  }

  @Test
  void a_scripted_next_answer_is_used_once_for_the_first_matching_request() throws Exception {
    server.answerNext(pathEndsWith("/b"), Answer.json(503, "").withHeader("Retry-After", "7"));

    assertThat(get("/a").statusCode()).isEqualTo(200);
    HttpResponse<String> faulted = get("/b");
    assertThat(faulted.statusCode()).isEqualTo(503);
    assertThat(faulted.headers().firstValue("Retry-After")).contains("7");
    assertThat(get("/b").statusCode()).isEqualTo(200);
    assertThat(server.requests(pathContains("/b"))).hasSize(2);
    assertThat(server.accepted(pathContains("/b"))).hasSize(1);
  }

  @Test
  void an_answer_for_all_wins_until_the_routes_answer_again() throws Exception {
    server.answerNext(pathContains("/down"), Answer.json(429, "{}"));
    server.answerAll(pathContains("/down"), Answer.json(503, "{}"));

    assertThat(get("/down").statusCode()).isEqualTo(503);
    assertThat(get("/down").statusCode()).isEqualTo(503);
    assertThat(get("/up").statusCode()).isEqualTo(200);
    server.answerByRoutes();
    assertThat(get("/down").statusCode()).isEqualTo(429);
    assertThat(get("/down").statusCode()).isEqualTo(200);
    assertThat(server.accepted(pathContains("/")))
        .extracting(r -> r.path())
        .containsExactly("/up", "/down");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
