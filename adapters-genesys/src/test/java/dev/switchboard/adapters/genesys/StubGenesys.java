package dev.switchboard.adapters.genesys;

import static dev.switchboard.application.testing.StubHttpServer.pathEndsWith;

import dev.switchboard.application.testing.StubHttpServer;
import dev.switchboard.application.testing.StubHttpServer.Answer;
import dev.switchboard.application.testing.StubHttpServer.Request;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Genesys Cloud: issues tokens at {@code /oauth/token}, accepts Open Messaging
 * calls that carry an issued token (401 otherwise), records every request, and answers scripted
 * faults first.
 */
final class StubGenesys implements AutoCloseable {

  static final String CLIENT_ID = "stub-client";
  static final String CLIENT_SECRET = "stub-client-secret-0123456789";

  private final String tokenPrefix;
  private final Set<String> issued = ConcurrentHashMap.newKeySet();
  private final AtomicInteger tokenCount = new AtomicInteger();
  private volatile long expiresIn = 86399;
  private volatile Duration tokenDelay = Duration.ZERO;
  private final StubHttpServer server = new StubHttpServer(this::route);

  /** A stub that issues {@code stub-token-1}, {@code stub-token-2}, ... */
  StubGenesys() {
    this("stub");
  }

  /** A stub that issues {@code <tokenPrefix>-token-1}, ...: another org's tokens. */
  StubGenesys(String tokenPrefix) {
    this.tokenPrefix = tokenPrefix;
  }

  String url() {
    return server.url();
  }

  /** The {@code expires_in} of the tokens issued from now on. */
  void tokensExpireIn(long seconds) {
    this.expiresIn = seconds;
  }

  /** Makes the token endpoint slow, so that concurrent callers overlap. */
  void tokensTakeA(Duration delay) {
    this.tokenDelay = delay;
  }

  /** Answers the next request whose path ends with {@code pathSuffix} with {@code answer}. */
  void next(String pathSuffix, Answer answer) {
    server.answerNext(pathEndsWith(pathSuffix), answer);
  }

  /** Every request so far, in arrival order. */
  List<Request> requests() {
    return server.requests();
  }

  List<Request> requestsTo(String pathSuffix) {
    return server.requests(pathEndsWith(pathSuffix));
  }

  Set<String> issuedTokens() {
    return Set.copyOf(issued);
  }

  private Answer route(Request request) {
    return request.path().equals("/oauth/token") ? token() : api(request);
  }

  private Answer token() {
    String token = tokenPrefix + "-token-" + tokenCount.incrementAndGet();
    issued.add(token);
    return Answer.json(
            200,
            "{\"access_token\":\""
                + token
                + "\",\"token_type\":\"bearer\",\"expires_in\":"
                + expiresIn
                + "}")
        .after(tokenDelay);
  }

  private Answer api(Request request) {
    String auth = request.header("Authorization");
    if (auth == null
        || !auth.startsWith("Bearer ")
        || !issued.contains(auth.substring("Bearer ".length()))) {
      return Answer.json(401, "{\"message\":\"invalid token\",\"code\":\"bad.credentials\"}");
    }
    return Answer.json(200, "{\"id\":\"stub-message-id\"}");
  }

  @Override
  public void close() {
    server.close();
  }
}
