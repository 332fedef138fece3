package dev.switchboard.application.fakes;

import dev.switchboard.application.port.in.AcceptWebhookCommand;
import dev.switchboard.application.port.in.AcceptWebhookUseCase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The accept use case as webhook controller tests see it: records what it is given, or fails when
 * told to. Not final, so that an adapter's tests can expose it as a bean.
 */
public class RecordingAcceptWebhook implements AcceptWebhookUseCase {

  private final List<AcceptWebhookCommand> accepted = new CopyOnWriteArrayList<>();
  private volatile RuntimeException failure;
  private volatile Duration throttledFor;

  @Override
  public CompletionStage<Acceptance> accept(AcceptWebhookCommand command) {
    RuntimeException fail = failure;
    if (fail != null) {
      return CompletableFuture.failedStage(fail);
    }
    Duration throttle = throttledFor;
    if (throttle != null) {
      return CompletableFuture.completedStage(new Throttled(throttle));
    }
    accepted.add(command);
    return CompletableFuture.completedStage(new Accepted());
  }

  /** Every call from now on is refused as over the backlog bound, asking to wait {@code wait}. */
  public void throttle(Duration wait) {
    this.throttledFor = wait;
  }

  /** What was accepted so far, in order. */
  public List<AcceptWebhookCommand> accepted() {
    return List.copyOf(accepted);
  }

  /** Every call from now on fails with {@code error} (as a store that is down would). */
  public void failWith(RuntimeException error) {
    this.failure = error;
  }

  /** Forgets what was accepted and stops failing. */
  public void reset() {
    accepted.clear();
    failure = null;
    throttledFor = null;
  }
}
