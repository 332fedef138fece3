package dev.switchboard.application.port.out;

import dev.switchboard.application.pipeline.RawWebhook;
import java.util.concurrent.CompletionStage;

/**
 * The durable store of accepted webhooks, in acceptance order, until they are processed. How they
 * are taken out depends on the deployment: a local processor polls a {@link PolledInbox}; with a
 * broker, its consumers drive processing.
 */
public interface Inbox {

  /**
   * Appends a webhook, without blocking the caller. The returned stage completes once the webhook
   * would survive the process being killed (an implementation may commit many appends together), or
   * completes exceptionally when it could not be stored: the webhook must then not be acknowledged.
   * Appends complete in the order they are stored, which is the acceptance order.
   */
  CompletionStage<Void> append(RawWebhook webhook);

  /** How many accepted events are waiting to be processed. */
  long backlog();
}
