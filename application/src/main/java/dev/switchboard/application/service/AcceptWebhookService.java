package dev.switchboard.application.service;

import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.port.in.AcceptWebhookCommand;
import dev.switchboard.application.port.in.AcceptWebhookUseCase;
import dev.switchboard.application.port.out.Inbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Appends verified webhooks to the durable inbox and wakes the processor; while the backlog is over
 * its bound, refuses them so that the sender retries later. The backlog is read at most once per
 * {@code backlogRefresh}, so that the check costs the hot path nothing.
 */
public final class AcceptWebhookService implements AcceptWebhookUseCase {

  private static final Accepted ACCEPTED = new Accepted();

  private final Inbox inbox;
  private final Clock clock;
  private final Wakeup processor;
  private final long backlogMax;
  private final Duration backlogRefresh;
  private final Throttled throttled;
  private volatile long backlog;
  private volatile Instant backlogReadAt = Instant.MIN;

  /**
   * @param backlogMax the largest backlog at which webhooks are still accepted
   * @param backlogRefresh how stale the backlog reading may be
   * @param retryAfter what a refused sender is asked to wait
   */
  public AcceptWebhookService(
      Inbox inbox,
      Clock clock,
      Wakeup processor,
      long backlogMax,
      Duration backlogRefresh,
      Duration retryAfter) {
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.processor = Objects.requireNonNull(processor, "processor");
    if (backlogMax < 1) {
      throw new IllegalArgumentException("the backlog bound must be at least 1");
    }
    this.backlogMax = backlogMax;
    this.backlogRefresh = Objects.requireNonNull(backlogRefresh, "backlogRefresh");
    this.throttled = new Throttled(Objects.requireNonNull(retryAfter, "retryAfter"));
  }

  /** Accepts everything (no backlog bound). */
  public AcceptWebhookService(Inbox inbox, Clock clock, Wakeup processor) {
    this(inbox, clock, processor, Long.MAX_VALUE, Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @Override
  public Acceptance accept(AcceptWebhookCommand command) {
    Instant now = clock.instant();
    if (backlogMax != Long.MAX_VALUE && backlog(now) > backlogMax) {
      return throttled;
    }
    inbox.append(new RawWebhook(command.source(), command.body(), now));
    processor.signal();
    return ACCEPTED;
  }

  private long backlog(Instant now) {
    if (now.isAfter(backlogReadAt.plus(backlogRefresh)) || now.isBefore(backlogReadAt)) {
      synchronized (this) {
        if (now.isAfter(backlogReadAt.plus(backlogRefresh)) || now.isBefore(backlogReadAt)) {
          backlog = inbox.backlog();
          backlogReadAt = now;
        }
      }
    }
    return backlog;
  }
}
