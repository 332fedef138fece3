package dev.switchboard.application.fakes;

import dev.switchboard.application.pipeline.DeadLetter;
import dev.switchboard.application.pipeline.DeadLetterFilter;
import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.port.out.DeadLetters;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link DeadLetters} in memory, kept in the order they were added. Like a database sequence, their
 * ids are growing numbers ({@code "1"}, {@code "2"}, ...): a page continues after its cursor even
 * when the letter under it is gone; an id that is not a number names no letter. Besides the letters
 * kept, it remembers every webhook and entry ever added, for tests of what was set aside.
 */
public final class InMemoryDeadLetters implements DeadLetters {

  /** A webhook kept with its reason. */
  public record WebhookLetter(RawWebhook webhook, String reason) {}

  /** An outbox entry kept with its reason. */
  public record OutboxLetter(OutboxEntry entry, String reason) {}

  private final List<WebhookLetter> webhooks = new ArrayList<>();
  private final List<OutboxLetter> outboxEntries = new ArrayList<>();
  private final NavigableMap<Long, DeadLetter> letters = new TreeMap<>();
  private final Clock clock;
  private long lastId;

  /** Dead letters stamped with the system clock. */
  public InMemoryDeadLetters() {
    this(Clock.systemUTC());
  }

  /** Dead letters stamped with {@code clock}'s time. */
  public InMemoryDeadLetters(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized void addWebhook(RawWebhook webhook, String reason) {
    webhooks.add(new WebhookLetter(Objects.requireNonNull(webhook, "webhook"), reason));
    long id = ++lastId;
    letters.put(id, new DeadLetter(String.valueOf(id), reason, clock.instant(), webhook, null));
  }

  @Override
  public synchronized void addOutboxEntry(OutboxEntry entry, String reason) {
    outboxEntries.add(new OutboxLetter(Objects.requireNonNull(entry, "entry"), reason));
    long id = ++lastId;
    letters.put(id, new DeadLetter(String.valueOf(id), reason, clock.instant(), null, entry));
  }

  @Override
  public synchronized List<DeadLetter> list(DeadLetterFilter filter, int limit, String afterId) {
    NavigableMap<Long, DeadLetter> page = letters;
    if (afterId != null) {
      Optional<Long> after = number(afterId);
      if (after.isEmpty()) {
        return List.of();
      }
      page = letters.tailMap(after.get(), false);
    }
    return page.values().stream().filter(filter::matches).limit(limit).toList();
  }

  @Override
  public synchronized int removeMatching(DeadLetterFilter filter, int batch) {
    int deleted = 0;
    for (Iterator<DeadLetter> it = letters.values().iterator(); it.hasNext() && deleted < batch; ) {
      if (filter.matches(it.next())) {
        it.remove();
        deleted++;
      }
    }
    return deleted;
  }

  @Override
  public synchronized Optional<DeadLetter> find(String id) {
    return number(id).map(letters::get);
  }

  @Override
  public synchronized void remove(String id) {
    number(id).ifPresent(letters::remove);
  }

  @Override
  public synchronized int deleteCreatedBefore(Instant cutoff, int batch) {
    int deleted = 0;
    for (Iterator<DeadLetter> it = letters.values().iterator(); it.hasNext() && deleted < batch; ) {
      if (it.next().at().isBefore(cutoff)) {
        it.remove();
        deleted++;
      }
    }
    return deleted;
  }

  /** The webhooks ever added, in order, replayed or purged ones included. */
  public synchronized List<WebhookLetter> webhooks() {
    return List.copyOf(webhooks);
  }

  /** The outbox entries ever added, in order, replayed or purged ones included. */
  public synchronized List<OutboxLetter> outboxEntries() {
    return List.copyOf(outboxEntries);
  }

  /** Whether nothing was ever added. */
  public synchronized boolean isEmpty() {
    return webhooks.isEmpty() && outboxEntries.isEmpty();
  }

  /** The dead letters still kept (not replayed or purged), oldest first. */
  public synchronized List<DeadLetter> kept() {
    return List.copyOf(letters.values());
  }

  private static Optional<Long> number(String id) {
    try {
      return Optional.of(Long.parseLong(Objects.requireNonNull(id, "id")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public synchronized long count() {
    return letters.size();
  }
}
