package dev.switchboard.application.fakes;

import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.port.out.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An {@link Outbox} in memory, with the real one's rules: only the head of a lane can be claimed,
 * only when due, and only while no live claim holds it; a claim ends when the entry is completed or
 * postponed, when all claims are released, or when its lease runs out.
 */
public final class InMemoryOutbox implements Outbox {

  /** The lease of a claim unless another is given. */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

  private final Clock clock;
  private final Duration lease;
  private final Map<Long, Stored> entries = new TreeMap<>();
  private long lastId;

  /** An outbox that stamps enqueued entries with {@code clock}'s time. */
  public InMemoryOutbox(Clock clock) {
    this(clock, DEFAULT_LEASE);
  }

  public InMemoryOutbox(Clock clock, Duration lease) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lease = Objects.requireNonNull(lease, "lease");
  }

  @Override
  public synchronized void enqueue(String lane, OutboxItem item, Instant acceptedAt) {
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(item, "item");
    Instant now = clock.instant();
    long id = ++lastId;
    entries.put(id, new Stored(new OutboxEntry(id, lane, item, 0, now, acceptedAt), now));
  }

  @Override
  public synchronized List<OutboxEntry> claimDue(Instant now, int max) {
    List<OutboxEntry> claimed = new ArrayList<>();
    Set<String> lanesSeen = new HashSet<>();
    for (Stored stored : entries.values()) {
      if (claimed.size() >= max) {
        break;
      }
      if (!lanesSeen.add(stored.entry.lane())) {
        continue; // not the head of its lane
      }
      boolean due = !stored.dueAt.isAfter(now);
      boolean free = stored.claimedUntil == null || !now.isBefore(stored.claimedUntil);
      if (due && free) {
        stored.claimedUntil = now.plus(lease);
        claimed.add(stored.entry);
      }
    }
    return claimed;
  }

  @Override
  public synchronized void complete(long id) {
    entries.remove(id);
  }

  @Override
  public synchronized void postpone(long id, Instant dueAt, String error) {
    Stored stored = entries.get(id);
    if (stored == null) {
      return;
    }
    OutboxEntry e = stored.entry;
    stored.entry =
        new OutboxEntry(
            e.id(), e.lane(), e.item(), e.failedAttempts() + 1, e.enqueuedAt(), e.acceptedAt());
    stored.dueAt = Objects.requireNonNull(dueAt, "dueAt");
    stored.lastError = error;
    stored.claimedUntil = null;
  }

  @Override
  public synchronized void releaseAllClaims() {
    entries.values().forEach(s -> s.claimedUntil = null);
  }

  @Override
  public synchronized int releaseExpiredClaims(Instant now) {
    int released = 0;
    for (Stored stored : entries.values()) {
      if (stored.claimedUntil != null && !now.isBefore(stored.claimedUntil)) {
        stored.claimedUntil = null;
        released++;
      }
    }
    return released;
  }

  @Override
  public synchronized List<Long> unclaimedHeadsDueBefore(Instant dueBefore, int max) {
    List<Long> overdue = new ArrayList<>();
    Set<String> lanesSeen = new HashSet<>();
    for (Stored stored : entries.values()) {
      if (overdue.size() >= max) {
        break;
      }
      if (lanesSeen.add(stored.entry.lane())
          && stored.dueAt.isBefore(dueBefore)
          && stored.claimedUntil == null) {
        overdue.add(stored.entry.id());
      }
    }
    return overdue;
  }

  @Override
  public synchronized long pending() {
    return entries.size();
  }

  /** Every entry still in the outbox, in id order. */
  public synchronized List<OutboxEntry> entries() {
    return entries.values().stream().map(s -> s.entry).toList();
  }

  /** The items still in the outbox, in id order. */
  public synchronized List<OutboxItem> items() {
    return entries.values().stream().map(s -> s.entry.item()).toList();
  }

  /** The items still in {@code lane}, in order. */
  public synchronized List<OutboxItem> itemsIn(String lane) {
    return entries.values().stream()
        .filter(s -> s.entry.lane().equals(lane))
        .map(s -> s.entry.item())
        .toList();
  }

  /** The items of one kind still in the outbox, in id order. */
  public synchronized <T extends OutboxItem> List<T> items(Class<T> kind) {
    return entries.values().stream()
        .map(s -> s.entry.item())
        .filter(kind::isInstance)
        .map(kind::cast)
        .toList();
  }

  /** The entry with this id, if it is still in the outbox. */
  public synchronized Optional<OutboxEntry> entry(long id) {
    return Optional.ofNullable(entries.get(id)).map(s -> s.entry);
  }

  /** When the entry is due. */
  public synchronized Optional<Instant> dueAt(long id) {
    return Optional.ofNullable(entries.get(id)).map(s -> s.dueAt);
  }

  /** The error recorded when the entry was last postponed. */
  public synchronized Optional<String> lastError(long id) {
    return Optional.ofNullable(entries.get(id)).map(s -> s.lastError);
  }

  /** Whether a live claim holds the entry at {@code now}. */
  public synchronized boolean isClaimed(long id, Instant now) {
    Stored stored = entries.get(id);
    return stored != null && stored.claimedUntil != null && now.isBefore(stored.claimedUntil);
  }

  private static final class Stored {
    OutboxEntry entry;
    Instant dueAt;
    Instant claimedUntil;
    String lastError;

    Stored(OutboxEntry entry, Instant dueAt) {
      this.entry = entry;
      this.dueAt = dueAt;
    }
  }
}
