package dev.switchboard.application.port.out;

import dev.switchboard.application.pipeline.InboxEvent;
import dev.switchboard.application.pipeline.RawWebhook;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The durable store of accepted webhooks, in acceptance order, until they are processed. */
public interface Inbox {

  /**
   * Appends a webhook, without blocking the caller. The returned stage completes once the webhook
   * would survive the process being killed (an implementation may commit many appends together), or
   * completes exceptionally when it could not be stored: the webhook must then not be acknowledged.
   * Appends complete in the order they are stored, which is the acceptance order.
   */
  CompletionStage<Void> append(RawWebhook webhook);

  /** Up to {@code max} of the oldest unprocessed events, oldest first. */
  List<InboxEvent> oldest(int max);

  /**
   * Removes a processed event; part of the caller's transaction. Events are removed in the order
   * {@link #oldest} hands them out (an implementation may keep only how far processing got).
   */
  void remove(long id);

  /** Counts a failed attempt to process an event. */
  void recordFailedAttempt(long id);

  /** How many accepted events are waiting to be processed. */
  long backlog();
}
