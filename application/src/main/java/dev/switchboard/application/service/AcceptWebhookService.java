package dev.switchboard.application.service;

import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.port.in.AcceptWebhookCommand;
import dev.switchboard.application.port.in.AcceptWebhookUseCase;
import dev.switchboard.application.port.out.Inbox;
import java.time.Clock;
import java.util.Objects;

/** Appends verified webhooks to the durable inbox, and wakes the processor. */
public final class AcceptWebhookService implements AcceptWebhookUseCase {

  private final Inbox inbox;
  private final Clock clock;
  private final Wakeup processor;

  public AcceptWebhookService(Inbox inbox, Clock clock, Wakeup processor) {
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.processor = Objects.requireNonNull(processor, "processor");
  }

  @Override
  public void accept(AcceptWebhookCommand command) {
    inbox.append(new RawWebhook(command.source(), command.body(), clock.instant()));
    processor.signal();
  }
}
