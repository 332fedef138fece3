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
 */
public record OutboxEntry(
    long id, String lane, OutboxItem item, int failedAttempts, Instant enqueuedAt) {
  public OutboxEntry {
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(enqueuedAt, "enqueuedAt");
  }
}
