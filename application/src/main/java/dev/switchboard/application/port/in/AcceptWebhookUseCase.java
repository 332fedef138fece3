package dev.switchboard.application.port.in;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** Accepts a verified webhook: it is stored durably before the sender is answered. */
public interface AcceptWebhookUseCase {

  /**
   * Stores the webhook durably, without blocking the caller: the stage completes with {@link
   * Accepted} only once the webhook would survive a crash; or refuses it, without storing, while
   * the backlog is over its bound ({@link Throttled}). Never throws: when the webhook could not be
   * stored the stage completes exceptionally, and the sender must not get a 2xx.
   */
  CompletionStage<Acceptance> accept(AcceptWebhookCommand command);

  /** Whether the webhook was taken. */
  sealed interface Acceptance permits Accepted, Throttled {}

  /** Stored durably: answer 200. */
  record Accepted() implements Acceptance {}

  /**
   * Not stored, the backlog is over its bound: answer 429 and ask the sender to come back.
   *
   * @param retryAfter how long the sender should wait
   */
  record Throttled(Duration retryAfter) implements Acceptance {
    public Throttled {
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }
}
