package dev.switchboard.bootstrap;

import dev.switchboard.adapters.rabbitmq.RabbitMqConnections;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.port.in.HandleEventUseCase;
import dev.switchboard.application.port.in.ProcessInboxUseCase;
import dev.switchboard.application.port.in.RouteWebhookUseCase;
import dev.switchboard.application.port.out.DeadLetters;
import dev.switchboard.application.port.out.EventQueue;
import dev.switchboard.application.port.out.PolledInbox;
import dev.switchboard.application.port.out.Transactions;
import dev.switchboard.application.port.out.WebhookDecoder;
import dev.switchboard.application.service.HandleEventService;
import dev.switchboard.application.service.ProcessInboxService;
import dev.switchboard.application.service.RouteWebhookService;
import dev.switchboard.application.usecase.ChannelEvents;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The choice between the two deployment modes ({@code switchboard.queue}), side by side: what each
 * mode puts between the accepted webhook and the use cases. Everything else ({@link
 * PipelineFactory}) is the same in both.
 *
 * <ul>
 *   <li><b>{@value #EMBEDDED}</b> (the default, one instance): the inbox is adapters-persistence's
 *       ({@code JournalInbox} next to an H2 file database, {@code JdbcInbox} on any other
 *       database); one processor ({@code PipelineRunner}) polls it and hands each webhook's events
 *       to the use cases ({@link ProcessInboxUseCase}).
 *   <li><b>{@value #RABBITMQ}</b> (the scaled mode, several instances): the inbox, the event queue
 *       and the consumers are adapters-rabbitmq's ({@code RabbitMqInbox}, {@code
 *       RabbitMqEventQueue}, {@code RabbitMqConsumers}, on {@link RabbitMqConnections}); the ingest
 *       queue's consumer routes webhooks to the shard queues ({@link RouteWebhookUseCase}), the
 *       shards' consumers hand the events to the use cases ({@link HandleEventUseCase}), and
 *       readiness includes the broker ({@link BrokerReadiness}).
 * </ul>
 *
 * <p>The adapters' own beans carry the same condition, so that either module stays inert in the
 * other mode wherever it is on the class path; this class is where the two modes meet.
 */
@Factory
class QueueModeFactory {

  static final String QUEUE = "switchboard.queue";
  static final String EMBEDDED = "embedded";
  static final String RABBITMQ = "rabbitmq";

  // --- embedded: the database's inbox, polled by one processor ---

  @Singleton
  @Requires(property = QUEUE, value = EMBEDDED, defaultValue = EMBEDDED)
  ProcessInboxUseCase processInbox(
      List<WebhookDecoder> decoders,
      PolledInbox inbox,
      ChannelEvents events,
      DeadLetters deadLetters,
      Transactions transactions,
      @Named(PipelineFactory.DISPATCHER) Wakeup dispatcher) {
    return new ProcessInboxService(decoders, inbox, events, deadLetters, transactions, dispatcher);
  }

  // --- rabbitmq: the broker's ingest queue, routed to shard queues, consumed by every instance ---

  @Singleton
  @Requires(property = QUEUE, value = RABBITMQ)
  RouteWebhookUseCase routeWebhook(
      List<WebhookDecoder> decoders,
      EventQueue events,
      DeadLetters deadLetters,
      Transactions transactions) {
    return new RouteWebhookService(decoders, events, deadLetters, transactions);
  }

  @Singleton
  @Requires(property = QUEUE, value = RABBITMQ)
  HandleEventUseCase handleEvent(
      ChannelEvents events,
      Transactions transactions,
      @Named(PipelineFactory.DISPATCHER) Wakeup dispatcher) {
    return new HandleEventService(events, transactions, dispatcher);
  }

  @Singleton
  @Requires(property = QUEUE, value = RABBITMQ)
  BrokerReadiness brokerReadiness(
      RabbitMqConnections connections, @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
    return new BrokerReadiness(connections, executor);
  }
}
