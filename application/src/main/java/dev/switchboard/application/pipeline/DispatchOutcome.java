package dev.switchboard.application.pipeline;

import dev.switchboard.domain.delivery.DeliveryFailure;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** What became of one call to the outside world. */
public sealed interface DispatchOutcome
    permits DispatchOutcome.Done, DispatchOutcome.RetryLater, DispatchOutcome.Refused {

  /**
   * The other side took it.
   *
   * @param remoteIds the ids the other side gave what was sent (WhatsApp wamids); may be empty
   */
  record Done(List<String> remoteIds) implements DispatchOutcome {
    public Done {
      remoteIds = List.copyOf(remoteIds);
    }

    public static Done withoutIds() {
      return new Done(List.of());
    }
  }

  /**
   * A passing failure (429, 5xx, timeout, a retryable error code): try again.
   *
   * @param notBefore how long the other side asked to wait (Retry-After); {@code null} when it did
   *     not say
   * @param reason what happened, for logs and dead letters
   */
  record RetryLater(Duration notBefore, String reason) implements DispatchOutcome {
    public RetryLater {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** A permanent refusal: trying again cannot help. */
  record Refused(DeliveryFailure failure) implements DispatchOutcome {
    public Refused {
      Objects.requireNonNull(failure, "failure");
    }
  }
}
