package dev.switchboard.application.port.out;

import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.RawWebhook;

/** Where work that can never be completed is kept, with its reason, for an operator. */
public interface DeadLetters {

  /** Keeps a webhook (or the part of it) that could not be processed. */
  void addWebhook(RawWebhook webhook, String reason);

  /** Keeps an outbox entry that could not be dispatched. */
  void addOutboxEntry(OutboxEntry entry, String reason);
}
