package dev.switchboard.adapters.whatsapp;

import dev.switchboard.application.testing.StubHttpServer;
import dev.switchboard.application.testing.StubHttpServer.Answer;
import dev.switchboard.application.testing.StubHttpServer.Request;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A local stand-in for the Graph API: records every request and gives every one the same answer.
 */
final class StubGraphApi implements AutoCloseable {

  private volatile Answer answer = Answer.json(200, "{}");
  private final StubHttpServer server = new StubHttpServer(request -> answer);

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
