package dev.switchboard.application.service;

import dev.switchboard.application.pipeline.Decoded;
import dev.switchboard.application.port.in.RouteWebhookCommand;
import dev.switchboard.application.port.in.RouteWebhookUseCase;
import dev.switchboard.application.port.out.DeadLetters;
import dev.switchboard.application.port.out.EventQueue;
import dev.switchboard.application.port.out.Transactions;
import dev.switchboard.application.port.out.WebhookDecoder;
import java.util.List;
import java.util.Objects;

/**
 * Decodes an accepted webhook and publishes its events, in order, to their customers' shards; what
 * cannot be understood goes to the dead letters. Publishing first and dead-lettering after means a
 * crash in between repeats the publish, which handling de-duplicates.
 */
public final class RouteWebhookService implements RouteWebhookUseCase {

  private final WebhookDecoding decoding;
  private final EventQueue events;
  private final DeadLetters deadLetters;
  private final Transactions transactions;

  public RouteWebhookService(
      List<WebhookDecoder> decoders,
      EventQueue events,
      DeadLetters deadLetters,
      Transactions transactions) {
    this.decoding = new WebhookDecoding(decoders);
    this.events = Objects.requireNonNull(events, "events");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  @Override
  public void route(RouteWebhookCommand command) {
    Decoded decoded = decoding.decode(command.webhook());
    if (!decoded.events().isEmpty()) {
      events.publish(decoded.events());
    }
    if (!decoded.problems().isEmpty()) {
      transactions.run(
          () -> WebhookDecoding.setAsideProblems(command.webhook(), decoded, deadLetters));
    }
  }
}
