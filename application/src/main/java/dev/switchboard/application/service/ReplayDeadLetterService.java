package dev.switchboard.application.service;

import dev.switchboard.application.pipeline.DeadLetter;
import dev.switchboard.application.pipeline.DeadLetterFilter;
import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.port.in.ReplayDeadLetterCommand;
import dev.switchboard.application.port.in.ReplayDeadLetterUseCase;
import dev.switchboard.application.port.in.ReplayDeadLettersCommand;
import dev.switchboard.application.port.in.ReplayDeadLettersUseCase;
import dev.switchboard.application.port.out.DeadLetters;
import dev.switchboard.application.port.out.ForwardedMessages;
import dev.switchboard.application.port.out.Inbox;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.application.port.out.Transactions;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * Puts a dead letter back on its way. A webhook is appended to the inbox again (durably) before its
 * dead letter is removed, so that a crash in between at worst replays it twice, which processing
 * de-duplicates; an outbox entry's item is enqueued at the end of its lane and its dead letter
 * removed in one transaction. The replayed work starts afresh: no failed attempts counted.
 */
public final class ReplayDeadLetterService
    implements ReplayDeadLetterUseCase, ReplayDeadLettersUseCase {

  private static final System.Logger LOG =
      System.getLogger(ReplayDeadLetterService.class.getName());

  private final DeadLetters deadLetters;
  private final Inbox inbox;
  private final Outbox outbox;
  private final Transactions transactions;
  private final Wakeup processor;
  private final Wakeup dispatcher;
  private final Clock clock;
  private final ForwardedMessages forwarded;

  /** How many dead letters a replay by filter takes at once (one transaction per batch). */
  static final int BATCH = 100;

  public ReplayDeadLetterService(
      DeadLetters deadLetters,
      Inbox inbox,
      Outbox outbox,
      Transactions transactions,
      Wakeup processor,
      Wakeup dispatcher) {
    this(deadLetters, inbox, outbox, transactions, processor, dispatcher, Clock.systemUTC());
  }

  /** Replays, where a replay by filter leaves out what was set aside after {@code clock}'s now. */
  public ReplayDeadLetterService(
      DeadLetters deadLetters,
      Inbox inbox,
      Outbox outbox,
      Transactions transactions,
      Wakeup processor,
      Wakeup dispatcher,
      Clock clock) {
    this(deadLetters, inbox, outbox, transactions, processor, dispatcher, clock, null);
  }

  /**
   * Replays, keeping each customer's message forwarded again for the contact center's report (so
   * that one it reports failed again is set aside again).
   *
   * @param forwarded where forwarded messages are kept until reported; {@code null}: not kept
   */
  public ReplayDeadLetterService(
      DeadLetters deadLetters,
      Inbox inbox,
      Outbox outbox,
      Transactions transactions,
      Wakeup processor,
      Wakeup dispatcher,
      Clock clock,
      ForwardedMessages forwarded) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.processor = Objects.requireNonNull(processor, "processor");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.forwarded = forwarded;
  }

  @Override
  public Result replay(ReplayDeadLetterCommand command) {
    Optional<DeadLetter> found = deadLetters.find(command.id());
    if (found.isEmpty()) {
      return Result.NOT_FOUND;
    }
    DeadLetter letter = found.get();
    if (letter.webhook() != null) {
      appendAndWait(letter.webhook());
      transactions.run(() -> deadLetters.remove(letter.id()));
      processor.signal();
    } else {
      OutboxEntry entry = letter.entry();
      transactions.run(
          () -> {
            enqueue(entry);
            deadLetters.remove(letter.id());
          });
      dispatcher.signal();
    }
    LOG.log(Level.INFO, "dead letter {0} replayed", letter.id());
    return Result.REPLAYED;
  }

  /**
   * Replays the letters the filter chooses, set aside before now, a batch at a time: the batch's
   * webhooks are appended to the inbox (durably) first, then its outbox entries are enqueued and
   * its letters removed in one transaction.
   */
  @Override
  public int replay(ReplayDeadLettersCommand command) {
    // those set aside up to now, included
    DeadLetterFilter filter = command.filter().until(clock.instant().plusNanos(1));
    int replayed = 0;
    String after = null;
    List<DeadLetter> batch;
    do {
      batch = deadLetters.list(filter, BATCH, after);
      if (batch.isEmpty()) {
        break;
      }
      List<DeadLetter> letters = batch;
      letters.stream()
          .filter(letter -> letter.webhook() != null)
          .forEach(letter -> appendAndWait(letter.webhook()));
      transactions.run(
          () -> {
            for (DeadLetter letter : letters) {
              if (letter.entry() != null) {
                enqueue(letter.entry());
              }
              deadLetters.remove(letter.id());
            }
          });
      processor.signal();
      dispatcher.signal();
      replayed += batch.size();
      after = batch.get(batch.size() - 1).id();
    } while (batch.size() >= BATCH);
    LOG.log(Level.INFO, "{0} dead letters replayed matching {1}", replayed, filter.describe());
    return replayed;
  }

  /** Puts an entry at the end of its lane; a forwarding is kept again for its report. */
  private void enqueue(OutboxEntry entry) {
    outbox.enqueue(entry.lane(), entry.item());
    if (forwarded != null && entry.item() instanceof OutboxItem.ForwardToContactCenter forwarding) {
      forwarded.keep(entry.lane(), forwarding);
    }
  }

  private void appendAndWait(RawWebhook webhook) {
    try {
      inbox.append(webhook).toCompletableFuture().join();
    } catch (CompletionException notStored) {
      throw notStored.getCause() instanceof RuntimeException cause ? cause : notStored;
    }
  }
}
