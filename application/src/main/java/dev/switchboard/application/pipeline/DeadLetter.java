package dev.switchboard.application.pipeline;

import dev.switchboard.domain.channel.ConnectionId;
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

  /**
   * The connection it concerns: an outbox entry's, or the one a webhook's address named; {@code
   * null} for a webhook that named none (a WhatsApp webhook names its numbers inside).
   */
  public ConnectionId connection() {
    return entry != null ? entry.item().connection() : webhook.source().connection();
  }
}
