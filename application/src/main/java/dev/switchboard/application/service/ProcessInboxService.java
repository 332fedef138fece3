package dev.switchboard.application.service;

import dev.switchboard.application.pipeline.Decoded;
import dev.switchboard.application.pipeline.InboxEvent;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.port.in.ProcessInboxCommand;
import dev.switchboard.application.port.in.ProcessInboxUseCase;
import dev.switchboard.application.port.out.DeadLetters;
import dev.switchboard.application.port.out.PolledInbox;
import dev.switchboard.application.port.out.Transactions;
import dev.switchboard.application.port.out.WebhookDecoder;
import dev.switchboard.application.usecase.ChannelEvents;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Takes accepted webhooks in acceptance order, decodes each and hands its events to their use cases
 * ({@link ChannelEvents}), which write what must be sent to the outbox. A webhook that cannot be
 * understood goes to the dead letters.
 *
 * <p>The webhooks taken together are handled in one transaction (one commit for the whole batch,
 * which is what lets a backlog drain quickly); when that transaction fails, it is rolled back and
 * the webhooks are handled again one per transaction, so that only a failing webhook counts a
 * failed attempt, and the ones after it wait, keeping the order.
 */
public final class ProcessInboxService implements ProcessInboxUseCase {

  private static final System.Logger LOG = System.getLogger(ProcessInboxService.class.getName());

  /** After this many failed attempts a webhook is dead-lettered instead of retried. */
  static final int MAX_ATTEMPTS = 5;

  private final WebhookDecoding decoding;
  private final ChannelEvents handler;
  private final PolledInbox inbox;
  private final DeadLetters deadLetters;
  private final Transactions transactions;
  private final Wakeup dispatcher;

  public ProcessInboxService(
      List<WebhookDecoder> decoders,
      PolledInbox inbox,
      ChannelEvents events,
      DeadLetters deadLetters,
      Transactions transactions,
      Wakeup dispatcher) {
    this.decoding = new WebhookDecoding(decoders);
    this.handler = Objects.requireNonNull(events, "events");
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
  }

  @Override
  public int process(ProcessInboxCommand command) {
    List<InboxEvent> events = inbox.oldest(command.maxEvents());
    List<Decoded> decoded = events.stream().map(e -> decoding.decode(e.webhook())).toList();
    int done = events.size() > 1 && processTogether(events, decoded) ? events.size() : 0;
    if (done == 0) {
      for (int i = 0; i < events.size(); i++) {
        if (!processOne(events.get(i), decoded.get(i))) {
          break; // keep the order: nothing overtakes an event that is to be retried
        }
        done++;
      }
    }
    if (done > 0) {
      dispatcher.signal();
    }
    return done;
  }

  private boolean processTogether(List<InboxEvent> events, List<Decoded> decoded) {
    try {
      transactions.run(
          () -> {
            for (int i = 0; i < events.size(); i++) {
              handle(events.get(i), decoded.get(i));
            }
          });
      return true;
    } catch (RuntimeException e) {
      LOG.log(
          Level.DEBUG,
          "processing {0} inbox events together failed, processing them one by one: {1}",
          events.size(),
          e.toString());
      return false;
    }
  }

  private boolean processOne(InboxEvent event, Decoded decoded) {
    try {
      transactions.run(() -> handle(event, decoded));
      return true;
    } catch (RuntimeException e) {
      return failed(event, e);
    }
  }

  private void handle(InboxEvent event, Decoded decoded) {
    WebhookDecoding.setAsideProblems(event.webhook(), decoded, deadLetters);
    Instant acceptedAt = event.webhook().receivedAt();
    decoded.events().forEach(e -> handler.apply(e, acceptedAt));
    inbox.remove(event.id());
  }

  private boolean failed(InboxEvent event, RuntimeException error) {
    int attempts = event.failedAttempts() + 1;
    if (attempts < MAX_ATTEMPTS) {
      LOG.log(
          Level.WARNING,
          "processing inbox event {0} failed (attempt {1}), will retry: {2}",
          event.id(),
          attempts,
          error.toString());
      inbox.recordFailedAttempt(event.id());
      return false;
    }
    LOG.log(
        Level.ERROR,
        "inbox event {0} failed {1} times; moved to the dead letters: {2}",
        event.id(),
        attempts,
        error.toString());
    transactions.run(
        () -> {
          deadLetters.addWebhook(event.webhook(), "processing failed: " + error);
          inbox.remove(event.id());
        });
    return true;
  }
}
