package dev.switchboard.sandbox;

import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated services' calls to the bridge, over HTTP like the real ones: signed webhooks sent
 * asynchronously and retried with backoff on 429, 5xx or no answer (as Meta and Genesys do), and
 * the operator's reads of the admin API and the meters.
 */
@Singleton
@Requires(property = Sandbox.ENABLED, value = "true")
final class BridgeCalls implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BridgeCalls.class);
  private static final int ATTEMPTS = 6;

  private final SandboxSettings settings;
  private final Feed feed;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "sandbox-timer");
            thread.setDaemon(true);
            return thread;
          });

  BridgeCalls(SandboxSettings settings, Feed feed) {
    this.settings = settings;
    this.feed = feed;
  }

  /**
   * POSTs a webhook to the bridge's {@code path}, signed with {@code signature}; {@code onAccepted}
   * gets the status once the bridge answers 2xx (or the last status it gave).
   */
  void webhook(
      String from, String path, String what, byte[] body, String signature, IntConsumer onAnswer) {
    webhook(from, path, what, body, "X-Hub-Signature-256", signature, onAnswer);
  }

  /** The same, with {@code header} (the signature or secret token) set to {@code value}. */
  void webhook(
      String from,
      String path,
      String what,
      byte[] body,
      String header,
      String value,
      IntConsumer onAnswer) {
    attempt(from, path, what, body, header, value, onAnswer, 1);
  }

  private void attempt(
      String from,
      String path,
      String what,
      byte[] body,
      String header,
      String value,
      IntConsumer onAnswer,
      int attempt) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(settings.bridgeUrl + path))
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/json")
            .header(header, value)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    long started = System.nanoTime();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, failure) -> {
              int status = response == null ? 0 : response.statusCode();
              long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
              feed.hop(from, "bridge", what + ": POST " + path + " (" + millis + " ms)", status);
              boolean passing = status == 0 || status == 429 || status >= 500;
              if (passing && attempt < ATTEMPTS) {
                long wait = 500L << (attempt - 1);
                later(
                    Duration.ofMillis(wait),
                    () -> attempt(from, path, what, body, header, value, onAnswer, attempt + 1));
                return;
              }
              if (status == 0) {
                LOG.warn("sandbox: the bridge did not answer a webhook on {}", path);
              }
              onAnswer.accept(status);
            });
  }

  /** A GET of the bridge's {@code path} with the admin token: status and body. */
  CompletableFuture<HttpResponse<String>> admin(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(settings.bridgeUrl + path))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + settings.adminToken)
            .GET()
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Runs {@code task} after {@code delay}, off the caller's thread. */
  void later(Duration delay, Runnable task) {
    timer.schedule(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            LOG.warn("sandbox: a simulated service's task failed", e);
          }
        },
        delay.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  @Override
  public void close() {
    timer.shutdownNow();
  }
}
