package dev.switchboard.application.fakes;

import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.port.out.DeadLetters;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link DeadLetters} in memory, kept in the order they were added. */
public final class InMemoryDeadLetters implements DeadLetters {

  /** A webhook kept with its reason. */
  public record WebhookLetter(RawWebhook webhook, String reason) {}

  /** An outbox entry kept with its reason. */
  public record OutboxLetter(OutboxEntry entry, String reason) {}

  private final List<WebhookLetter> webhooks = new ArrayList<>();
  private final List<OutboxLetter> outboxEntries = new ArrayList<>();

  @Override
  public synchronized void addWebhook(RawWebhook webhook, String reason) {
    webhooks.add(new WebhookLetter(Objects.requireNonNull(webhook, "webhook"), reason));
  }

  @Override
  public synchronized void addOutboxEntry(OutboxEntry entry, String reason) {
    outboxEntries.add(new OutboxLetter(Objects.requireNonNull(entry, "entry"), reason));
  }

  /** The webhooks kept, in order. */
  public synchronized List<WebhookLetter> webhooks() {
    return List.copyOf(webhooks);
  }

  /** The outbox entries kept, in order. */
  public synchronized List<OutboxLetter> outboxEntries() {
    return List.copyOf(outboxEntries);
  }

  /** Whether nothing was kept. */
  public synchronized boolean isEmpty() {
    return webhooks.isEmpty() && outboxEntries.isEmpty();
  }
}
