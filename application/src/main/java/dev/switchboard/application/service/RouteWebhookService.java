package dev.switchboard.application.service;

import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Decoded;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.port.in.RouteWebhookCommand;
import dev.switchboard.application.port.in.RouteWebhookUseCase;
import dev.switchboard.application.port.out.DeadLetters;
import dev.switchboard.application.port.out.EventQueue;
import dev.switchboard.application.port.out.Transactions;
import dev.switchboard.application.port.out.WebhookDecoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decodes accepted webhooks and publishes their events, in order, to their customers' shards, all
 * with one publish (one wait for the broker); what cannot be understood goes to the dead letters.
 * Publishing first and dead-lettering after means a crash in between repeats the publish, which
 * handling de-duplicates.
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
    List<RawWebhook> webhooks = command.webhooks();
    List<Decoded> decoded = webhooks.stream().map(decoding::decode).toList();
    List<ChannelEvent> all = new ArrayList<>();
    List<Instant> acceptedAt = new ArrayList<>();
    for (int i = 0; i < webhooks.size(); i++) {
      for (ChannelEvent event : decoded.get(i).events()) {
        all.add(event);
        acceptedAt.add(webhooks.get(i).receivedAt());
      }
    }
    if (!all.isEmpty()) {
      events.publish(all, acceptedAt);
    }
    if (decoded.stream().anyMatch(d -> !d.problems().isEmpty())) {
      transactions.run(
          () -> {
            for (int i = 0; i < webhooks.size(); i++) {
              WebhookDecoding.setAsideProblems(webhooks.get(i), decoded.get(i), deadLetters);
            }
          });
    }
  }
}
