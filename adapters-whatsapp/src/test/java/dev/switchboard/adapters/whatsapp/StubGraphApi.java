package dev.switchboard.adapters.whatsapp;

import dev.switchboard.application.testing.StubHttpServer;
import dev.switchboard.application.testing.StubHttpServer.Answer;
import dev.switchboard.application.testing.StubHttpServer.Request;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A local stand-in for the Graph API: records every request, answers every media upload ({@code
 * POST .../media}) with the upload answer and every other request with the same answer.
 */
final class StubGraphApi implements AutoCloseable {

  private volatile Answer answer = Answer.json(200, "{}");
  private volatile Answer uploadAnswer = Answer.json(200, "{\"id\":\"1000001\"}");
  private final StubHttpServer server =
      new StubHttpServer(request -> request.path().endsWith("/media") ? uploadAnswer : answer);

  String url() {
    return server.url();
  }

  StubGraphApi answer(int status, String body) {
    return answer(status, body, Map.of());
  }

  StubGraphApi answer(int status, String body, Map<String, String> headers) {
    answer = Answer.json(status, body).withHeaders(headers);
    return this;
  }

  /** Media uploads get this answer from now on. */
  StubGraphApi answerUploads(int status, String body) {
    uploadAnswer = Answer.json(status, body);
    return this;
  }

  /** Gives the current answer only after {@code delay}. */
  StubGraphApi delay(Duration delay) {
    answer = answer.after(delay);
    return this;
  }

  /** Every request so far, in arrival order. */
  List<Request> requests() {
    return server.requests();
  }

  @Override
  public void close() {
    server.close();
  }
}
