package dev.switchboard.application.pipeline;

import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.message.MediaBytes;
import java.time.Duration;
import java.util.Objects;

/** What became of fetching an attachment's bytes from one side. */
public sealed interface FetchOutcome
    permits FetchOutcome.Fetched, FetchOutcome.Unavailable, FetchOutcome.RetryLater {

  /** The bytes, within the size limit asked for. */
  record Fetched(MediaBytes media) implements FetchOutcome {
    public Fetched {
      Objects.requireNonNull(media, "media");
    }
  }

  /**
   * The bytes cannot be had: too large, gone, or not from an allowed place. Trying again cannot
   * help.
   */
  record Unavailable(DeliveryFailure failure) implements FetchOutcome {
    public Unavailable {
      Objects.requireNonNull(failure, "failure");
    }
  }

  /**
   * A passing failure: try again.
   *
   * @param notBefore how long the other side asked to wait; {@code null} when it did not say
   * @param reason what happened
   */
  record RetryLater(Duration notBefore, String reason) implements FetchOutcome {
    public RetryLater {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
