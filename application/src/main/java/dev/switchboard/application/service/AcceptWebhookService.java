package dev.switchboard.application.service;

import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.port.in.AcceptWebhookCommand;
import dev.switchboard.application.port.in.AcceptWebhookUseCase;
import dev.switchboard.application.port.out.Inbox;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Appends verified webhooks to the durable inbox and wakes the processor once each is stored; while
 * the backlog is over its bound, refuses them so that the sender retries later. Nothing here blocks
 * the caller: the append completes when the inbox has stored the webhook, and the backlog is read
 * on {@code backlogReader}, at most once per {@code backlogRefresh}, while callers go on with the
 * last reading.
 */
public final class AcceptWebhookService implements AcceptWebhookUseCase {

  private static final System.Logger LOG = System.getLogger(AcceptWebhookService.class.getName());
  private static final CompletionStage<Acceptance> ACCEPTED =
      CompletableFuture.completedStage(new Accepted());

  private final Inbox inbox;
  private final Clock clock;
  private final Wakeup processor;
  private final long backlogMax;
  private final Duration backlogRefresh;
  private final Executor backlogReader;
  private final CompletionStage<Acceptance> throttled;
  private final AtomicBoolean reading = new AtomicBoolean();
  private volatile long backlog;
  private volatile Instant backlogReadAt = Instant.MIN;

  /**
   * @param backlogMax the largest backlog at which webhooks are still accepted
   * @param backlogRefresh how stale the backlog reading may be
   * @param retryAfter what a refused sender is asked to wait
   * @param backlogReader where the backlog is read (it may block on the store)
   */
  public AcceptWebhookService(
      Inbox inbox,
      Clock clock,
      Wakeup processor,
      long backlogMax,
      Duration backlogRefresh,
      Duration retryAfter,
      Executor backlogReader) {
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.processor = Objects.requireNonNull(processor, "processor");
    if (backlogMax < 1) {
      throw new IllegalArgumentException("the backlog bound must be at least 1");
    }
    this.backlogMax = backlogMax;
    this.backlogRefresh = Objects.requireNonNull(backlogRefresh, "backlogRefresh");
    this.backlogReader = Objects.requireNonNull(backlogReader, "backlogReader");
    this.throttled =
        CompletableFuture.completedStage(
            new Throttled(Objects.requireNonNull(retryAfter, "retryAfter")));
  }

  /** Accepts everything (no backlog bound). */
  public AcceptWebhookService(Inbox inbox, Clock clock, Wakeup processor) {
    this(
        inbox,
        clock,
        processor,
        Long.MAX_VALUE,
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        Runnable::run);
  }

  @Override
  public CompletionStage<Acceptance> accept(AcceptWebhookCommand command) {
    Instant now = clock.instant();
    if (backlogMax != Long.MAX_VALUE && backlog(now) > backlogMax) {
      return throttled;
    }
    CompletionStage<Void> stored;
    try {
      stored = inbox.append(new RawWebhook(command.source(), command.body(), now));
    } catch (RuntimeException notStored) {
      return CompletableFuture.failedStage(notStored);
    }
    return stored.thenCompose(
        done -> {
          processor.signal();
          return ACCEPTED;
        });
  }

  /** The last reading; a stale one starts a new reading, which the next callers will see. */
  private long backlog(Instant now) {
    Instant readAt = backlogReadAt;
    boolean stale = now.isAfter(readAt.plus(backlogRefresh)) || now.isBefore(readAt);
    if (stale && reading.compareAndSet(false, true)) {
      try {
        backlogReader.execute(() -> readBacklog(now));
      } catch (RejectedExecutionException shuttingDown) {
        reading.set(false);
      }
    }
    return backlog;
  }

  private void readBacklog(Instant now) {
    try {
      backlog = inbox.backlog();
    } catch (RuntimeException unreadable) {
      // the last reading stands; the appends themselves will fail if the store is down
      LOG.log(Level.WARNING, "could not read the inbox backlog: {0}", unreadable.toString());
    } finally {
      backlogReadAt = now;
      reading.set(false);
    }
  }
}
