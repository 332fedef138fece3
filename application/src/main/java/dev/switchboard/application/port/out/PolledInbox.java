package dev.switchboard.application.port.out;

import dev.switchboard.application.pipeline.InboxEvent;
import java.util.List;

/** An inbox that a processor in this process polls: it hands out the oldest events in order. */
public interface PolledInbox extends Inbox {

  /** Up to {@code max} of the oldest unprocessed events, oldest first. */
  List<InboxEvent> oldest(int max);

  /**
   * Removes a processed event; part of the caller's transaction. Events are removed in the order
   * {@link #oldest} hands them out (an implementation may keep only how far processing got).
   */
  void remove(long id);

  /** Counts a failed attempt to process an event. */
  void recordFailedAttempt(long id);
}
