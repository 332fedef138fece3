package dev.switchboard.application.pipeline;

import java.util.Objects;

/**
 * An accepted webhook waiting in the inbox.
 *
 * @param id the inbox's id; ids grow in acceptance order
 * @param webhook the webhook
 * @param failedAttempts how often processing it has failed so far
 */
public record InboxEvent(long id, RawWebhook webhook, int failedAttempts) {
  public InboxEvent {
    Objects.requireNonNull(webhook, "webhook");
  }
}
