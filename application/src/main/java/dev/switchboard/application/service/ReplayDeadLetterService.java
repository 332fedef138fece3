package dev.switchboard.application.service;

import dev.switchboard.application.pipeline.DeadLetter;
import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.port.in.ReplayDeadLetterCommand;
import dev.switchboard.application.port.in.ReplayDeadLetterUseCase;
import dev.switchboard.application.port.out.DeadLetters;
import dev.switchboard.application.port.out.Inbox;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.application.port.out.Transactions;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * Puts a dead letter back on its way. A webhook is appended to the inbox again (durably) before its
 * dead letter is removed, so that a crash in between at worst replays it twice, which processing
 * de-duplicates; an outbox entry's item is enqueued at the end of its lane and its dead letter
 * removed in one transaction. The replayed work starts afresh: no failed attempts counted.
 */
public final class ReplayDeadLetterService implements ReplayDeadLetterUseCase {

  private static final System.Logger LOG =
      System.getLogger(ReplayDeadLetterService.class.getName());

  private final DeadLetters deadLetters;
  private final Inbox inbox;
  private final Outbox outbox;
  private final Transactions transactions;
  private final Wakeup processor;
  private final Wakeup dispatcher;

  public ReplayDeadLetterService(
      DeadLetters deadLetters,
      Inbox inbox,
      Outbox outbox,
      Transactions transactions,
      Wakeup processor,
      Wakeup dispatcher) {
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.processor = Objects.requireNonNull(processor, "processor");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
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
            outbox.enqueue(entry.lane(), entry.item());
            deadLetters.remove(letter.id());
          });
      dispatcher.signal();
    }
    LOG.log(Level.INFO, "dead letter {0} replayed", letter.id());
    return Result.REPLAYED;
  }

  private void appendAndWait(RawWebhook webhook) {
    try {
      inbox.append(webhook).toCompletableFuture().join();
    } catch (CompletionException notStored) {
      throw notStored.getCause() instanceof RuntimeException cause ? cause : notStored;
    }
  }
}
