package dev.switchboard.application.port.out;

import dev.switchboard.application.pipeline.Traced;
import dev.switchboard.domain.channel.ConnectionId;
import java.time.Duration;
import java.time.Instant;

/**
 * What operators see of the pipeline: the points a message passes, told as they happen, from which
 * the meters are counted and each message's trace is kept. Told on the pipeline's own threads,
 * often inside a transaction: an observer must be quick and must never throw. A message is named by
 * its {@link Traced} reference; what an observer shows must never hold a customer's number or id, a
 * message's content or a token: the details given here are HTTP statuses and failure codes only.
 *
 * <p>Every method does nothing by default, so that an observer keeps only what it is about.
 */
public interface PipelineObserver {

  /** An observer that keeps nothing. */
  PipelineObserver NONE = new PipelineObserver() {};

  /** Where an outbox call went: the contact center, or the channel of the item's connection. */
  String CONTACT_CENTER = "genesys";

  /** The end of a piece of work an observer was told of ({@link #working}). */
  interface Work extends AutoCloseable {

    /** Work whose end concerns nobody. */
    Work NOTHING = () -> {};

    @Override
    void close();
  }

  /** How a call to the other side went. */
  enum CallOutcome {
    /** It took it (2xx). */
    OK,
    /** A passing failure (429, 5xx, a timeout): it is tried again. */
    RETRYABLE,
    /** A permanent refusal. */
    FAILED
  }

  /**
   * The pipeline starts working, on this thread, on something of {@code connection}: what it logs
   * until the returned work is closed concerns that connection and message (as the logs' diagnostic
   * context).
   *
   * @param messageId the message's id (as in {@link Traced#id()}); {@code null} when the work
   *     carries no message
   */
  default Work working(ConnectionId connection, String messageId) {
    return Work.NOTHING;
  }

  /**
   * A message was taken from the webhook that brought it and applied.
   *
   * @param acceptedAt when its webhook was accepted; {@code null} when not known
   */
  default void processed(Traced message, Instant acceptedAt) {}

  /**
   * A customer not in their connection's allowed customers wrote: the message is not forwarded.
   *
   * @param acceptedAt when its webhook was accepted; {@code null} when not known
   */
  default void refused(Traced message, Instant acceptedAt) {}

  /** The message was queued to be sent (an agent's message, once for all its sends). */
  default void queued(Traced message) {}

  /**
   * One call to the other side was made.
   *
   * @param message the message it carried; {@code null} for a call that carries none (a typing
   *     indicator, an acknowledgement, a re-engagement template)
   * @param upstream {@code genesys}, {@code whatsapp} or {@code telegram}
   * @param detail its HTTP status, or what went wrong as a short code: never a body or a number
   * @param took how long the call took
   */
  default void attempt(
      Traced message, String upstream, CallOutcome outcome, String detail, Duration took) {}

  /**
   * The message reached the other side: a customer's was forwarded to the contact center, an
   * agent's last send was taken by the channel.
   *
   * @param endToEnd from its webhook's acceptance (for a held message, from its release) to now;
   *     {@code null} when not known (queued by an earlier version)
   */
  default void delivered(Traced message, Duration endToEnd) {}

  /**
   * The message will not reach the other side: refused by it, given up on, or rejected by the
   * bridge (an agent's message outside the service window).
   *
   * @param detail why, as a short code ({@code FailureReason}), never a free text
   */
  default void failed(Traced message, String detail) {}

  /** An agent's message held for the customer's reply expired before the customer wrote. */
  default void expired(Traced message) {}

  /** The message was moved to the dead letters. */
  default void deadLettered(Traced message) {}

  /**
   * The contact center was told what became of its agent's message.
   *
   * @param status {@code Delivered} or {@code Failed}
   */
  default void receipt(Traced message, String status) {}

  /**
   * The channel reported on an agent's message.
   *
   * @param status what it reported ({@code sent}, {@code delivered}, {@code read}, {@code failed})
   */
  default void status(Traced message, String status) {}
}
