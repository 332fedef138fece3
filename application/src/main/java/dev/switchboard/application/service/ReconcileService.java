package dev.switchboard.application.service;

import dev.switchboard.application.pipeline.InboxEvent;
import dev.switchboard.application.pipeline.ReconciliationReport;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.port.in.ReconcileCommand;
import dev.switchboard.application.port.in.ReconcileUseCase;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.application.port.out.PolledInbox;
import dev.switchboard.application.port.out.QueueConsumers;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Looks for accepted work that did not reach an end and re-drives it, stage by stage:
 *
 * <ul>
 *   <li>{@code inbox}: the oldest accepted webhook of a polled inbox waited longer than the grace
 *       (a lost wake-up, a processor that stalls): the processor is woken; everything behind it
 *       waits too, so all of the backlog counts.
 *   <li>{@code outbox}: entries at the head of their lane, due for longer than the grace and
 *       claimed by no dispatcher: the dispatcher is woken.
 *   <li>{@code claims}: claims whose lease ran out (their dispatcher crashed or hangs) are released
 *       and the dispatcher woken, as the sweep does between reconciliations.
 *   <li>{@code inbox} and {@code events} with a broker: queues whose consumer in this instance was
 *       lost are consumed again; messages waiting in queues no instance consumes are counted.
 * </ul>
 *
 * <p>A re-drive never copies an item: it wakes the worker that owns it, gives back a claim whose
 * holder is gone, or consumes a queue again, so that each item is still taken from its one place.
 * The one case that may repeat a call is a claim released from a dispatcher that hangs rather than
 * died, and comes back: the other side de-duplicates it by the item's stable id (the wamid or
 * Telegram key as Genesys' {@code channel.messageId}, the Genesys message id for a send), as after
 * the sweep. Findings are logged as warnings with counts and entry ids, never content; a
 * reconciliation that finds nothing logs at debug level.
 */
public final class ReconcileService implements ReconcileUseCase {

  private static final System.Logger LOG = System.getLogger(ReconcileService.class.getName());

  /** How many overdue outbox entries are looked at (and named in the log, up to {@link #NAMED}). */
  static final int MAX_OVERDUE = 1000;

  static final int NAMED = 20;

  private final Optional<PolledInbox> inbox;
  private final Outbox outbox;
  private final Optional<QueueConsumers> queues;
  private final Wakeup processor;
  private final Wakeup dispatcher;
  private final Clock clock;
  private final Duration grace;

  /**
   * @param inbox the inbox a local processor polls; empty with a broker
   * @param queues the broker's queues as this instance consumes them; empty without a broker
   * @param grace how long an item may wait before it counts as left behind
   */
  public ReconcileService(
      Optional<PolledInbox> inbox,
      Outbox outbox,
      Optional<QueueConsumers> queues,
      Wakeup processor,
      Wakeup dispatcher,
      Clock clock,
      Duration grace) {
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.queues = Objects.requireNonNull(queues, "queues");
    this.processor = Objects.requireNonNull(processor, "processor");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.grace = Objects.requireNonNull(grace, "grace");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("the grace is never negative");
    }
  }

  @Override
  public ReconciliationReport reconcile(ReconcileCommand command) {
    Instant now = clock.instant();
    Instant cutoff = now.minus(grace);
    Map<String, Long> stuck = new TreeMap<>();
    Map<String, Long> redriven = new TreeMap<>();
    inbox.ifPresent(polled -> inbox(polled, cutoff, stuck, redriven));
    outbox(now, cutoff, stuck, redriven);
    queues.ifPresent(broker -> queues(broker, stuck, redriven));
    ReconciliationReport report = new ReconciliationReport(stuck, redriven);
    if (report.isClean()) {
      LOG.log(Level.DEBUG, "reconciliation: nothing left behind");
    }
    return report;
  }

  private void inbox(
      PolledInbox polled, Instant cutoff, Map<String, Long> stuck, Map<String, Long> redriven) {
    List<InboxEvent> oldest = polled.oldest(1);
    if (oldest.isEmpty() || !oldest.get(0).webhook().receivedAt().isBefore(cutoff)) {
      return;
    }
    InboxEvent head = oldest.get(0);
    long waiting = Math.max(1, polled.backlog());
    stuck.put(ReconciliationReport.INBOX, waiting);
    redriven.put(ReconciliationReport.INBOX, waiting);
    LOG.log(
        Level.WARNING,
        "reconciliation: {0} accepted webhook(s) waited longer than {1}; the oldest, inbox event"
            + " {2} accepted at {3} after {4} failed attempt(s), is not processed yet; waking the"
            + " processor",
        waiting,
        grace,
        head.id(),
        head.webhook().receivedAt(),
        head.failedAttempts());
    processor.signal();
  }

  private void outbox(
      Instant now, Instant cutoff, Map<String, Long> stuck, Map<String, Long> redriven) {
    // looked at before the expired claims are released, so that an entry is counted in one stage
    List<Long> overdue = outbox.unclaimedHeadsDueBefore(cutoff, MAX_OVERDUE);
    int released = outbox.releaseExpiredClaims(now);
    if (!overdue.isEmpty()) {
      stuck.put(ReconciliationReport.OUTBOX, (long) overdue.size());
      redriven.put(ReconciliationReport.OUTBOX, (long) overdue.size());
      LOG.log(
          Level.WARNING,
          "reconciliation: {0} outbox entr(y/ies) due for longer than {1} were not taken by a"
              + " dispatcher (ids {2}); waking the dispatcher",
          overdue.size(),
          grace,
          named(overdue));
    }
    if (released > 0) {
      stuck.put(ReconciliationReport.CLAIMS, (long) released);
      redriven.put(ReconciliationReport.CLAIMS, (long) released);
      LOG.log(
          Level.WARNING,
          "reconciliation: released {0} outbox claim(s) whose lease ran out; they will be"
              + " dispatched again",
          released);
    }
    if (!overdue.isEmpty() || released > 0) {
      dispatcher.signal();
    }
  }

  private void queues(QueueConsumers broker, Map<String, Long> stuck, Map<String, Long> redriven) {
    // looked at before the lost consumers are resumed: what waited with nobody to take it
    Map<String, Long> unconsumed = broker.unconsumed();
    List<String> resumed = broker.resumeLost();
    unconsumed.forEach(
        (stage, waiting) -> {
          if (waiting > 0) {
            stuck.merge(stage, waiting, Long::sum);
          }
        });
    for (String stage : resumed) {
      redriven.merge(stage, 1L, Long::sum);
    }
    if (!resumed.isEmpty()) {
      LOG.log(
          Level.WARNING,
          "reconciliation: this instance had lost the consumer of {0} queue(s) ({1}); consuming"
              + " them again",
          resumed.size(),
          String.join(", ", resumed));
    }
    if (unconsumed.values().stream().anyMatch(waiting -> waiting > 0)) {
      LOG.log(
          Level.WARNING,
          "reconciliation: messages waited in queues that no instance consumed ({0}){1}",
          unconsumed,
          resumed.isEmpty() ? "; start an instance with the pipeline enabled" : "");
    }
  }

  private static String named(List<Long> ids) {
    String named = String.join(", ", ids.stream().limit(NAMED).map(String::valueOf).toList());
    return ids.size() > NAMED ? named + ", ..." : named;
  }
}
