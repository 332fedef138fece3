package dev.switchboard.application.port.in;

import java.time.Duration;
import java.util.Objects;

/** Accepts a verified webhook: it is stored durably before the sender is answered. */
public interface AcceptWebhookUseCase {

  /**
   * Stores the webhook durably and returns only once it would survive a crash; or refuses it,
   * without storing, while the backlog is over its bound.
   *
   * @throws RuntimeException when it could not be stored: the sender must not get a 2xx
   */
  Acceptance accept(AcceptWebhookCommand command);

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
