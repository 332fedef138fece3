package dev.switchboard.application.pipeline;

import java.time.Instant;
import java.util.Objects;

/**
 * Work that could not be completed, kept with its reason until an operator replays it.
 *
 * @param id the dead letter's id
 * @param reason why it could not be completed
 * @param at when it was set aside
 * @param webhook the webhook, for a webhook that could not be processed; else {@code null}
 * @param entry the outbox entry, for one that could not be dispatched; else {@code null}
 */
public record DeadLetter(
    String id, String reason, Instant at, RawWebhook webhook, OutboxEntry entry) {
  public DeadLetter {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
    if ((webhook == null) == (entry == null)) {
      throw new IllegalArgumentException("a dead letter holds a webhook or an outbox entry");
    }
  }
}
