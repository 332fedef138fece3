package dev.switchboard.application.pipeline;

import java.time.Instant;
import java.util.Objects;

/**
 * An outbox item as stored.
 *
 * @param id the outbox's id; ids grow in enqueue order
 * @param lane the lane: items of one lane are dispatched one at a time, in id order
 * @param item what to dispatch
 * @param failedAttempts how often dispatching it has failed so far
 * @param enqueuedAt when it was enqueued
 * @param acceptedAt when the webhook that led to it was accepted (for a held message, when it was
 *     released); {@code null} when not known (entries queued by earlier versions)
 */
public record OutboxEntry(
    long id,
    String lane,
    OutboxItem item,
    int failedAttempts,
    Instant enqueuedAt,
    Instant acceptedAt) {
  public OutboxEntry {
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(enqueuedAt, "enqueuedAt");
  }

  /** An entry whose acceptance time is not known. */
  public OutboxEntry(
      long id, String lane, OutboxItem item, int failedAttempts, Instant enqueuedAt) {
    this(id, lane, item, failedAttempts, enqueuedAt, null);
  }
}
