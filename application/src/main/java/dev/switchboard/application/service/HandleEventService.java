package dev.switchboard.application.service;

import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.port.in.HandleEventCommand;
import dev.switchboard.application.port.in.HandleEventUseCase;
import dev.switchboard.application.port.out.Transactions;
import dev.switchboard.application.usecase.ChannelEvents;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Applies decoded events, then wakes the dispatcher: all of them in one transaction (one commit for
 * the lot); when that fails, one transaction each, in order, until one fails, whose failure is
 * thrown: the events applied before it stay applied (applying them again changes nothing), the ones
 * after it wait, keeping each customer's order.
 */
public final class HandleEventService implements HandleEventUseCase {

  private final ChannelEvents handler;
  private final Transactions transactions;
  private final Wakeup dispatcher;

  public HandleEventService(ChannelEvents events, Transactions transactions, Wakeup dispatcher) {
    this.handler = Objects.requireNonNull(events, "events");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
  }

  @Override
  public void handle(HandleEventCommand command) {
    List<ChannelEvent> events = command.events();
    List<Instant> acceptedAt = command.acceptedAt();
    try {
      transactions.run(
          () -> {
            for (int i = 0; i < events.size(); i++) {
              handler.apply(events.get(i), acceptedAt.get(i));
            }
          });
    } catch (RuntimeException together) {
      if (events.size() == 1) {
        throw together;
      }
      try {
        for (int i = 0; i < events.size(); i++) {
          ChannelEvent event = events.get(i);
          Instant accepted = acceptedAt.get(i);
          transactions.run(() -> handler.apply(event, accepted));
        }
      } finally {
        dispatcher.signal(); // for what was applied before a failure
      }
      return;
    }
    dispatcher.signal();
  }
}
