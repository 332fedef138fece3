package dev.switchboard.application.service;

import dev.switchboard.application.connection.Connections;
import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.pipeline.Traced;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.port.in.DispatchOutboxCommand;
import dev.switchboard.application.port.in.DispatchOutboxUseCase;
import dev.switchboard.application.port.out.ContactCenter;
import dev.switchboard.application.port.out.DeadLetters;
import dev.switchboard.application.port.out.MediaStore;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.application.port.out.PipelineObserver;
import dev.switchboard.application.port.out.Transactions;
import dev.switchboard.application.usecase.RecordDeliveryStatus;
import dev.switchboard.application.usecase.ReengageCustomer;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.delivery.FailureReason;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends due outbox entries, one per lane at a time, on a bounded number of workers (claiming up to
 * {@value #AHEAD} entries per worker, so that the next ones wait ready). A passing failure is
 * retried with backoff (honouring Retry-After) until the retry policy gives up and the entry is
 * dead-lettered; a permanent refusal of an agent's message, or giving up on it, becomes a Failed
 * receipt, and the message's later sends are not made.
 */
public final class DispatchOutboxService implements DispatchOutboxUseCase {

  private static final System.Logger LOG = System.getLogger(DispatchOutboxService.class.getName());

  /**
   * How many entries per worker are claimed at most: one being sent and one waiting, so that a
   * worker that is done finds its next entry claimed, and a claim (a round trip to the database)
   * serves several workers.
   */
  static final int AHEAD = 2;

  static final DeliveryFailure GAVE_UP =
      new DeliveryFailure(
          FailureReason.GENERAL_ERROR,
          "The message could not be sent: the messaging channel kept failing until the bridge"
              + " gave up.");

  private final Outbox outbox;
  private final OutboxCalls calls;
  private final Connections connections;
  private final RecordDeliveryStatus deliveries;
  private final DeadLetters deadLetters;
  private final Transactions recordings;
  private final RetryPolicy retries;
  private final Clock clock;
  private final ReengageCustomer reengage;
  private final Executor workers;

  /** Entries claimed and not yet done: up to {@value #AHEAD} per worker. */
  private final Semaphore freeWorkers;

  private final Wakeup dispatcher;
  private final Duration recordingPatience;
  private final PipelineObserver observer;

  /**
   * @param deliveries records what the channel accepted, inside the recording's transaction
   * @param reengage told when a re-engagement template cannot be sent
   * @param recordings the transactions in which outcomes are recorded: the workers' recordings
   *     share commits (shared transactions), or plain transactions; a recording may run more than
   *     once
   * @param recordingPatience how long to keep trying to record an outcome while the store fails (a
   *     database restart): giving up lets the claim expire and the call be made again, so it should
   *     stay well below the outbox's claim lease
   * @param observer told of every call (its outcome, how long it took), and of what became of the
   *     messages the calls carried
   */
  public DispatchOutboxService(
      Outbox outbox,
      ContactCenter contactCenter,
      Connections connections,
      MediaStore media,
      Duration mediaLinkLifetime,
      RecordDeliveryStatus deliveries,
      ReengageCustomer reengage,
      DeadLetters deadLetters,
      Transactions recordings,
      RetryPolicy retries,
      Clock clock,
      Executor workers,
      int workerCount,
      Wakeup dispatcher,
      Duration recordingPatience,
      PipelineObserver observer) {
    this.observer = Objects.requireNonNull(observer, "observer");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.connections = Objects.requireNonNull(connections, "connections");
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.recordings = Objects.requireNonNull(recordings, "recordings");
    this.retries = Objects.requireNonNull(retries, "retries");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.calls =
        new OutboxCalls(
            contactCenter, this.deliveries, connections, media, mediaLinkLifetime, clock);
    this.reengage = Objects.requireNonNull(reengage, "reengage");
    this.workers = Objects.requireNonNull(workers, "workers");
    if (workerCount < 1) {
      throw new IllegalArgumentException("at least one worker");
    }
    this.freeWorkers = new Semaphore(workerCount * AHEAD);
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.recordingPatience = Objects.requireNonNull(recordingPatience, "recordingPatience");
  }

  @Override
  public int dispatch(DispatchOutboxCommand command) {
    int capacity = Math.min(command.maxEntries(), freeWorkers.availablePermits());
    if (capacity == 0) {
      return 0;
    }
    List<OutboxEntry> due = outbox.claimDue(clock.instant(), capacity);
    for (OutboxEntry entry : due) {
      freeWorkers.acquireUninterruptibly();
      try {
        workers.execute(() -> runOne(entry));
      } catch (RuntimeException rejected) {
        freeWorkers.release();
        throw rejected;
      }
    }
    return due.size();
  }

  private void runOne(OutboxEntry entry) {
    OutboxItem item = entry.item();
    try (PipelineObserver.Work work =
        observer.working(item.connection(), Traced.of(item).map(Traced::id).orElse(null))) {
      dispatchOne(entry);
    } catch (RuntimeException e) {
      // the store failed while recording the outcome: the claim's lease runs out and the entry
      // is dispatched again, which the other side de-duplicates by the entry's stable id
      LOG.log(
          Level.ERROR,
          "recording the outcome of outbox entry {0} ({1}) failed: {2}",
          entry.id(),
          item.connection(),
          e);
    } finally {
      freeWorkers.release();
      dispatcher.signal();
    }
  }

  /** Dispatches one claimed entry and records the outcome. */
  void dispatchOne(OutboxEntry entry) {
    if (entry.item() instanceof OutboxItem.SendToCustomer send && deliveries.stopped(send)) {
      // an earlier send of the message failed, and the agent was told: the rest is not sent
      recordDurably(() -> outbox.complete(entry.id()));
      return;
    }
    Traced traced = Traced.of(entry.item()).orElse(null);
    long started = System.nanoTime();
    DispatchOutcome outcome = call(entry.item());
    observeCall(entry, traced, outcome, Duration.ofNanos(System.nanoTime() - started));
    if (outcome instanceof DispatchOutcome.Done done) {
      recordDurably(
          () -> {
            if (entry.item() instanceof OutboxItem.SendToCustomer send) {
              deliveries.sent(send, done.remoteIds(), reportsDelivery(send));
            }
            outbox.complete(entry.id());
          });
    } else if (outcome instanceof DispatchOutcome.RetryLater retry) {
      retryLater(entry, retry);
    } else if (outcome instanceof DispatchOutcome.Refused refused) {
      boolean deadLetter = !tellsTheAgent(entry.item());
      recordDurably(
          () -> {
            if (deadLetter) {
              deadLetters.addOutboxEntry(entry, "refused: " + refused.failure().message());
              deadLettered(entry.item(), refused.failure().reason().name());
            } else {
              if (traced != null) {
                observer.failed(traced, refused.failure().reason().name());
              }
              failed(entry.item(), refused.failure());
            }
            outbox.complete(entry.id());
          });
      if (deadLetter) {
        LOG.log(
            Level.ERROR,
            "outbox entry {0} was refused; moved to the dead letters: {1}",
            entry.id(),
            refused.failure().message());
      }
    }
  }

  /**
   * Records the outcome of a call that was made, retrying while the store fails (up to the
   * recording patience): the other side already acted, and giving up would make the call again.
   */
  private void recordDurably(Runnable work) {
    long deadline = System.nanoTime() + recordingPatience.toNanos();
    long pause = 100;
    while (true) {
      try {
        recordings.run(work);
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() - deadline >= 0) {
          throw e;
        }
        LOG.log(Level.WARNING, "recording an outcome failed, retrying in {0} ms: {1}", pause, e);
        try {
          Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        pause = Math.min(pause * 2, 2_000);
      }
    }
  }

  private DispatchOutcome call(OutboxItem item) {
    try {
      DispatchOutcome outcome = calls.call(item);
      // a port that answers nothing broke its contract: treated like one that threw, the entry
      // is retried with backoff instead of staying claimed, unnoticed, until its lease runs out
      return outcome != null
          ? outcome
          : new DispatchOutcome.RetryLater(null, "the port answered no outcome");
    } catch (RuntimeException e) {
      return new DispatchOutcome.RetryLater(null, "unexpected error: " + e);
    }
  }

  private void retryLater(OutboxEntry entry, DispatchOutcome.RetryLater retry) {
    Instant now = clock.instant();
    if (retries.givesUp(Duration.between(entry.enqueuedAt(), now))) {
      LOG.log(
          Level.ERROR,
          "outbox entry {0} still failing after {1} attempts; moved to the dead letters: {2}",
          entry.id(),
          entry.failedAttempts() + 1,
          retry.reason());
      recordings.run(
          () -> {
            deadLetters.addOutboxEntry(entry, "gave up retrying: " + retry.reason());
            if (!tellsTheAgent(entry.item())) {
              deadLettered(entry.item(), "GAVE_UP");
            } else {
              Traced.of(entry.item())
                  .ifPresent(
                      traced -> {
                        observer.deadLettered(traced);
                        observer.failed(traced, "GAVE_UP");
                      });
            }
            if (tellsTheAgent(entry.item())) {
              // the agent must not wait forever for an outcome: giving up is a failure too (the
              // technical reason stays in the dead letter, it is not shown to the agent)
              failed(entry.item(), GAVE_UP);
            }
            outbox.complete(entry.id());
          });
      return;
    }
    Duration delay = retries.delayBefore(entry.failedAttempts() + 1, retry.notBefore());
    LOG.log(
        Level.INFO,
        "outbox entry {0} failed in passing ({1}); retry {2} in {3} ms",
        entry.id(),
        retry.reason(),
        entry.failedAttempts() + 1,
        delay.toMillis());
    outbox.postpone(entry.id(), now.plus(delay), retry.reason());
  }

  /**
   * Tells the observer of one call: its upstream, outcome and duration, and when it took the item,
   * what that means for the message it carries (forwarded, sent as its last part, a receipt given).
   */
  private void observeCall(
      OutboxEntry entry, Traced traced, DispatchOutcome outcome, Duration took) {
    OutboxItem item = entry.item();
    PipelineObserver.CallOutcome result;
    String detail;
    if (outcome instanceof DispatchOutcome.Done) {
      result = PipelineObserver.CallOutcome.OK;
      detail = "2xx";
    } else if (outcome instanceof DispatchOutcome.RetryLater retry) {
      result = PipelineObserver.CallOutcome.RETRYABLE;
      detail = httpStatusIn(retry.reason()).orElse("error");
    } else {
      DeliveryFailure failure = ((DispatchOutcome.Refused) outcome).failure();
      result = PipelineObserver.CallOutcome.FAILED;
      detail =
          httpStatusIn(failure.message())
              .map(status -> status + " " + failure.reason().name())
              .orElse(failure.reason().name());
    }
    observer.attempt(traced, upstreamOf(item), result, detail, took);
    if (traced == null || result != PipelineObserver.CallOutcome.OK) {
      return;
    }
    Duration endToEnd =
        entry.acceptedAt() == null ? null : Duration.between(entry.acceptedAt(), clock.instant());
    if (item instanceof OutboxItem.ForwardToContactCenter
        || item instanceof OutboxItem.AnswerToContactCenter) {
      observer.delivered(traced, endToEnd);
    } else if (item instanceof OutboxItem.SendToCustomer send && send.finalPart()) {
      observer.delivered(traced, endToEnd);
    } else if (item instanceof OutboxItem.ReportToContactCenter report) {
      observer.receipt(
          traced,
          report.receipt().outcome() == DeliveryReceipt.Outcome.DELIVERED ? "Delivered" : "Failed");
    }
  }

  /**
   * An item no one else hears of was dead-lettered: its message (a customer's) failed; a receipt
   * that could not be given leaves its message's own outcome as it was.
   */
  private void deadLettered(OutboxItem item, String why) {
    Traced.of(item)
        .ifPresent(
            traced -> {
              observer.deadLettered(traced);
              if (!(item instanceof OutboxItem.ReportToContactCenter)) {
                observer.failed(traced, why);
              }
            });
  }

  /** {@code genesys} for the contact center, else the name of the connection's channel. */
  private String upstreamOf(OutboxItem item) {
    if (item instanceof OutboxItem.ForwardToContactCenter
        || item instanceof OutboxItem.ReportToContactCenter
        || item instanceof OutboxItem.AnswerToContactCenter) {
      return PipelineObserver.CONTACT_CENTER;
    }
    return connections
        .find(item.connection())
        .map(on -> on.connection().channel().value())
        .orElse("unknown");
  }

  private static final Pattern HTTP_STATUS = Pattern.compile("\\b([1-5][0-9][0-9])\\b");

  /**
   * The HTTP status a failure's text names (three digits standing alone): all that a trace shows of
   * it, so that no part of a body or a number reaches it.
   */
  static Optional<String> httpStatusIn(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher matcher = HTTP_STATUS.matcher(text);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** Whether a failure of the item is the agent's to hear of: it carries an agent's message. */
  private static boolean tellsTheAgent(OutboxItem item) {
    return item instanceof OutboxItem.SendToCustomer || item instanceof OutboxItem.Reengage;
  }

  /** Tells the agent that what the item carries will not reach the customer. */
  private void failed(OutboxItem item, DeliveryFailure failure) {
    if (item instanceof OutboxItem.SendToCustomer send) {
      deliveries.refused(send, failure);
    } else if (item instanceof OutboxItem.Reengage template) {
      reengage.templateFailed(template, failure);
    }
  }

  /** Whether the send's channel reports later what became of it (else acceptance is delivery). */
  private boolean reportsDelivery(OutboxItem.SendToCustomer send) {
    return connections
        .find(send.connection())
        .map(on -> on.capabilities().reportsDelivery())
        .orElse(true);
  }
}
