package dev.switchboard.application.port.out;

import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import java.time.Instant;
import java.util.List;

/**
 * What must still be sent, in lanes: the entries of one lane go out one at a time, in order, so
 * that one customer's messages never overtake each other.
 */
public interface Outbox {

  /** Adds an item at the end of its lane, due now; part of the caller's transaction. */
  default void enqueue(String lane, OutboxItem item) {
    enqueue(lane, item, null);
  }

  /**
   * Adds an item at the end of its lane, due now, with the time its message was accepted (so that
   * its delivery can be timed end to end); part of the caller's transaction.
   *
   * @param acceptedAt when the webhook that led to it was accepted (for an agent's message that was
   *     held, when it was released); {@code null} when not known
   */
  void enqueue(String lane, OutboxItem item, Instant acceptedAt);

  /**
   * Claims up to {@code max} entries that are due at {@code now} and at the head of their lane, and
   * not claimed by another dispatcher. A claim lasts until the entry is completed, postponed, or
   * the claim's lease runs out.
   */
  List<OutboxEntry> claimDue(Instant now, int max);

  /** Removes a dispatched entry; its lane moves on. Part of the caller's transaction. */
  void complete(long id);

  /** Releases the claim and makes the entry due again at {@code dueAt}, counting a failure. */
  void postpone(long id, Instant dueAt, String error);

  /** Releases every claim (after a restart of a single instance: no other dispatcher exists). */
  void releaseAllClaims();

  /**
   * Releases the claims whose lease ran out at {@code now} (their dispatcher crashed or hangs), so
   * that their entries are dispatched again; returns how many.
   */
  int releaseExpiredClaims(Instant now);

  /**
   * The ids of up to {@code max} entries at the head of their lane that were due before {@code
   * dueBefore} and that no dispatcher holds (no claim, live or expired), oldest first: work the
   * dispatcher should have taken and did not (for the reconciliation).
   */
  List<Long> unclaimedHeadsDueBefore(Instant dueBefore, int max);

  /** How many entries wait to be dispatched. */
  long pending();
}
