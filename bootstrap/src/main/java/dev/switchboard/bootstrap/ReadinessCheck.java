package dev.switchboard.bootstrap;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;

/**
 * A part of readiness ({@code /health/readiness} and {@code /health}): a check that may block (a
 * query, a file, a broker), run on the blocking executor and given up after {@value
 * #TIMEOUT_SECONDS} s, so that a hung dependency answers DOWN rather than never. Its details name
 * what failed, never a URL, a password or a message's content.
 */
abstract class ReadinessCheck implements HealthIndicator {

  static final int TIMEOUT_SECONDS = 5;

  private final String name;
  private final ExecutorService executor;

  ReadinessCheck(String name, ExecutorService executor) {
    this.name = name;
    this.executor = executor;
  }

  /** What the check found: a failure as {@link Result#down}, else {@link Result#up}. */
  abstract Result check();

  @Override
  public final Publisher<HealthResult> getResult() {
    CompletableFuture<HealthResult> result =
        CompletableFuture.supplyAsync(this::run, executor)
            .completeOnTimeout(
                HealthResult.builder(name, HealthStatus.DOWN)
                    .details(Map.of("error", "no answer within " + TIMEOUT_SECONDS + " s"))
                    .build(),
                TIMEOUT_SECONDS,
                TimeUnit.SECONDS);
    return Publishers.fromCompletableFuture(result);
  }

  private HealthResult run() {
    Result result;
    try {
      result = check();
    } catch (RuntimeException e) {
      // the exception's class only: a driver's message may quote a URL
      result = Result.down("failed: " + e.getClass().getSimpleName());
    }
    return HealthResult.builder(name, result.up() ? HealthStatus.UP : HealthStatus.DOWN)
        .details(result.details())
        .build();
  }

  /** The outcome of a check and what an operator sees of it. */
  record Result(boolean up, Map<String, Object> details) {

    static Result up(Map<String, Object> details) {
      return new Result(true, details);
    }

    static Result down(String error) {
      return new Result(false, Map.of("error", error));
    }
  }
}
