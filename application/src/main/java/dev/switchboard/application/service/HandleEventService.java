package dev.switchboard.application.service;

import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.port.in.HandleEventCommand;
import dev.switchboard.application.port.in.HandleEventUseCase;
import dev.switchboard.application.port.out.ContactDirectory;
import dev.switchboard.application.port.out.Conversations;
import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.application.port.out.ProcessedMessages;
import dev.switchboard.application.port.out.Transactions;
import dev.switchboard.domain.conversation.TemplatePolicy;
import java.time.Clock;
import java.util.Objects;

/** Applies one decoded event in its own transaction, then wakes the dispatcher. */
public final class HandleEventService implements HandleEventUseCase {

  private final EventHandler handler;
  private final Transactions transactions;
  private final Wakeup dispatcher;

  public HandleEventService(
      Outbox outbox,
      Conversations conversations,
      Deliveries deliveries,
      ContactDirectory contacts,
      ProcessedMessages processed,
      Transactions transactions,
      TemplatePolicy policy,
      Clock clock,
      Wakeup dispatcher) {
    this.handler =
        new EventHandler(outbox, conversations, deliveries, contacts, processed, policy, clock);
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
  }

  @Override
  public void handle(HandleEventCommand command) {
    transactions.run(() -> handler.handle(command.event()));
    dispatcher.signal();
  }
}
