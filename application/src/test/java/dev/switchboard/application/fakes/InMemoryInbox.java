package dev.switchboard.application.fakes;

import dev.switchboard.application.pipeline.InboxEvent;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.port.out.PolledInbox;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An {@link Inbox} in memory; appends can be made to fail, as when the store is unavailable. It
 * counts how often its backlog was read.
 */
public final class InMemoryInbox implements PolledInbox {

  private final Map<Long, InboxEvent> events = new TreeMap<>();
  private final Deque<RuntimeException> appendFailures = new ArrayDeque<>();
  private long lastId;
  private int backlogReads;

  @Override
  public synchronized CompletionStage<Void> append(RawWebhook webhook) {
    Objects.requireNonNull(webhook, "webhook");
    RuntimeException failure = appendFailures.poll();
    if (failure != null) {
      return CompletableFuture.failedStage(failure);
    }
    long id = ++lastId;
    events.put(id, new InboxEvent(id, webhook, 0));
    return CompletableFuture.completedStage(null);
  }

  @Override
  public synchronized List<InboxEvent> oldest(int max) {
    return events.values().stream().limit(max).toList();
  }

  @Override
  public synchronized void remove(long id) {
    events.remove(id);
  }

  @Override
  public synchronized void recordFailedAttempt(long id) {
    events.computeIfPresent(
        id, (k, e) -> new InboxEvent(e.id(), e.webhook(), e.failedAttempts() + 1));
  }

  @Override
  public synchronized long backlog() {
    backlogReads++;
    return events.size();
  }

  /** Makes the next append fail with {@code failure} instead of storing the webhook. */
  public synchronized void failNextAppend(RuntimeException failure) {
    appendFailures.add(Objects.requireNonNull(failure, "failure"));
  }

  /** How often {@link #backlog()} was called. */
  public synchronized int backlogReads() {
    return backlogReads;
  }

  /** The events waiting, oldest first. */
  public synchronized List<InboxEvent> events() {
    return new ArrayList<>(events.values());
  }
}
