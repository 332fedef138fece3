package dev.switchboard.bootstrap;

import dev.switchboard.adapters.persistence.JdbcMessageTraces;
import dev.switchboard.adapters.persistence.SharedTransactions;
import dev.switchboard.application.connection.Connections;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.port.in.AcceptWebhookUseCase;
import dev.switchboard.application.port.in.DeleteDeadLettersUseCase;
import dev.switchboard.application.port.in.DispatchOutboxUseCase;
import dev.switchboard.application.port.in.ExpireHeldMessagesUseCase;
import dev.switchboard.application.port.in.ListDeadLettersUseCase;
import dev.switchboard.application.port.in.ReconcileUseCase;
import dev.switchboard.application.port.in.SweepStuckWorkUseCase;
import dev.switchboard.application.port.in.TraceMessageUseCase;
import dev.switchboard.application.port.out.ContactCenter;
import dev.switchboard.application.port.out.ContactDirectory;
import dev.switchboard.application.port.out.Conversations;
import dev.switchboard.application.port.out.CustomerLinks;
import dev.switchboard.application.port.out.DeadLetters;
import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.application.port.out.ForwardedMessages;
import dev.switchboard.application.port.out.Inbox;
import dev.switchboard.application.port.out.MediaStore;
import dev.switchboard.application.port.out.MessageTraces;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.application.port.out.PipelineObserver;
import dev.switchboard.application.port.out.PolledInbox;
import dev.switchboard.application.port.out.ProcessedMessages;
import dev.switchboard.application.port.out.QueueConsumers;
import dev.switchboard.application.port.out.Transactions;
import dev.switchboard.application.service.AcceptWebhookService;
import dev.switchboard.application.service.DeleteDeadLettersService;
import dev.switchboard.application.service.DispatchOutboxService;
import dev.switchboard.application.service.ExpireHeldMessagesService;
import dev.switchboard.application.service.ListDeadLettersService;
import dev.switchboard.application.service.ReconcileService;
import dev.switchboard.application.service.ReplayDeadLetterService;
import dev.switchboard.application.service.RetryPolicy;
import dev.switchboard.application.service.SweepStuckWorkService;
import dev.switchboard.application.service.TraceMessageService;
import dev.switchboard.application.usecase.AgentReceipts;
import dev.switchboard.application.usecase.ChannelEvents;
import dev.switchboard.application.usecase.ForwardCustomerMessage;
import dev.switchboard.application.usecase.RecordDeliveryStatus;
import dev.switchboard.application.usecase.RecordForwardReport;
import dev.switchboard.application.usecase.ReengageCustomer;
import dev.switchboard.application.usecase.SendAgentMessage;
import dev.switchboard.application.usecase.ShowAgentTyping;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Wires the application's use cases to the adapters, those that both queue modes share; what
 * differs between the embedded and the scaled mode is in {@link QueueModeFactory}.
 */
@Factory
class PipelineFactory {

  static final String PROCESSOR = "processor";
  static final String DISPATCHER = "dispatcher";

  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Singleton
  @Named(PROCESSOR)
  Wakeup processorWakeup() {
    return new Wakeup();
  }

  @Singleton
  @Named(DISPATCHER)
  Wakeup dispatcherWakeup() {
    return new Wakeup();
  }

  @Singleton
  AcceptWebhookUseCase acceptWebhook(
      Inbox inbox,
      Clock clock,
      @Named(PROCESSOR) Wakeup wakeup,
      @Value("${switchboard.backlog.max:100000}") long backlogMax,
      @Value("${switchboard.backlog.retry-after:5s}") Duration retryAfter,
      @Named(TaskExecutors.IO) ExecutorService backlogReader) {
    return new AcceptWebhookService(
        inbox, clock, wakeup, backlogMax, Duration.ofMillis(200), retryAfter, backlogReader);
  }

  /**
   * What the pipeline tells goes to the logs' diagnostic context, the meters and the messages'
   * traces.
   */
  @Singleton
  @Primary
  PipelineObserver pipelineObserver(MicrometerMeters meters, JdbcMessageTraces traces) {
    return new PipelineObservers(List.of(new LogContextObserver(), meters, traces));
  }

  @Singleton
  TraceMessageUseCase traceMessage(MessageTraces traces) {
    return new TraceMessageService(traces);
  }

  @Singleton
  AgentReceipts agentReceipts(Outbox outbox, Clock clock, PipelineObserver observer) {
    return new AgentReceipts(outbox, clock, observer);
  }

  @Singleton
  RecordDeliveryStatus recordDeliveryStatus(
      Conversations conversations,
      Deliveries deliveries,
      CustomerLinks links,
      AgentReceipts receipts,
      Clock clock,
      PipelineObserver observer) {
    return new RecordDeliveryStatus(conversations, deliveries, links, receipts, clock, observer);
  }

  @Singleton
  ReengageCustomer reengageCustomer(
      Outbox outbox,
      Conversations conversations,
      Deliveries deliveries,
      AgentReceipts receipts,
      Clock clock,
      PipelineObserver observer) {
    return new ReengageCustomer(outbox, conversations, deliveries, receipts, clock, observer);
  }

  @Singleton
  ExpireHeldMessagesUseCase expireHeldMessages(
      Connections connections, ReengageCustomer reengage, Transactions transactions) {
    return new ExpireHeldMessagesService(connections, reengage, transactions);
  }

  /** The business use cases, behind the router the processing drivers hand events to. */
  @Singleton
  ChannelEvents channelEvents(
      Connections connections,
      Outbox outbox,
      Conversations conversations,
      Deliveries deliveries,
      ContactDirectory contacts,
      ProcessedMessages processed,
      PipelineObserver observer,
      CustomerLinks links,
      AgentReceipts receipts,
      RecordDeliveryStatus statuses,
      ReengageCustomer reengage,
      ForwardedMessages forwarded,
      DeadLetters deadLetters,
      Clock clock) {
    return new ChannelEvents(
        connections,
        new ForwardCustomerMessage(
            outbox,
            conversations,
            deliveries,
            contacts,
            processed,
            reengage,
            observer,
            links,
            forwarded),
        new SendAgentMessage(
            outbox, conversations, deliveries, processed, receipts, reengage, clock, observer),
        statuses,
        new ShowAgentTyping(outbox, conversations, clock),
        new RecordForwardReport(forwarded, deadLetters, observer),
        observer);
  }

  @Singleton
  ListDeadLettersUseCase listDeadLetters(DeadLetters deadLetters) {
    return new ListDeadLettersService(deadLetters);
  }

  /** Replays one dead letter ({@code ReplayDeadLetterUseCase}) or many by filter. */
  @Singleton
  ReplayDeadLetterService replayDeadLetter(
      DeadLetters deadLetters,
      Inbox inbox,
      Outbox outbox,
      Transactions transactions,
      @Named(PROCESSOR) Wakeup processor,
      @Named(DISPATCHER) Wakeup dispatcher,
      Clock clock,
      ForwardedMessages forwarded) {
    return new ReplayDeadLetterService(
        deadLetters, inbox, outbox, transactions, processor, dispatcher, clock, forwarded);
  }

  @Singleton
  DeleteDeadLettersUseCase deleteDeadLetters(DeadLetters deadLetters) {
    return new DeleteDeadLettersService(deadLetters);
  }

  @Singleton
  SweepStuckWorkUseCase sweepStuckWork(
      Outbox outbox, Clock clock, @Named(DISPATCHER) Wakeup dispatcher) {
    return new SweepStuckWorkService(outbox, clock, dispatcher);
  }

  /**
   * The reconciliation: the embedded queue's inbox, or the broker's queues as this instance
   * consumes them, and the outbox.
   */
  @Singleton
  ReconcileUseCase reconcile(
      Optional<PolledInbox> inbox,
      Outbox outbox,
      Optional<QueueConsumers> queues,
      @Named(PROCESSOR) Wakeup processor,
      @Named(DISPATCHER) Wakeup dispatcher,
      Clock clock,
      ReconciliationSettings settings) {
    return new ReconcileService(
        inbox, outbox, queues, processor, dispatcher, clock, settings.grace());
  }

  @Singleton
  @Named(DISPATCHER)
  @Bean(preDestroy = "shutdownNow")
  ExecutorService dispatchWorkers(PipelineSettings settings) {
    AtomicInteger number = new AtomicInteger();
    return Executors.newFixedThreadPool(
        settings.dispatchWorkers(),
        runnable -> {
          Thread thread = new Thread(runnable, "dispatch-" + number.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /** The dispatch workers record what their calls did in shared transactions: fewer commits. */
  @Singleton
  @Named(DISPATCHER)
  @Bean(typed = SharedTransactions.class, preDestroy = "close")
  SharedTransactions outcomeRecordings(Transactions transactions, PipelineSettings settings) {
    return new SharedTransactions(
        "outcome-recorder", transactions, settings.dispatchWorkers(), settings.batchWait());
  }

  @Singleton
  DispatchOutboxUseCase dispatchOutbox(
      Outbox outbox,
      ContactCenter contactCenter,
      Connections connections,
      MediaStore media,
      MediaSettings mediaSettings,
      RecordDeliveryStatus deliveries,
      ReengageCustomer reengage,
      DeadLetters deadLetters,
      @Named(DISPATCHER) SharedTransactions recordings,
      Clock clock,
      PipelineSettings settings,
      @Named(DISPATCHER) ExecutorService workers,
      @Named(DISPATCHER) Wakeup dispatcher,
      @Value("${switchboard.outbox.claim-lease:60s}") Duration claimLease,
      PipelineObserver observer) {
    RetryPolicy retries =
        new RetryPolicy(
            settings.retryBase(),
            settings.retryCap(),
            settings.giveUpAfter(),
            RandomGenerator.getDefault());
    return new DispatchOutboxService(
        outbox,
        contactCenter,
        connections,
        media,
        mediaSettings.linkLifetime(),
        deliveries,
        reengage,
        deadLetters,
        recordings,
        retries,
        clock,
        workers,
        settings.dispatchWorkers(),
        dispatcher,
        recordingPatience(claimLease),
        observer);
  }

  /** Half the claim lease: long enough for a database restart, short of a second dispatch. */
  static Duration recordingPatience(Duration claimLease) {
    return claimLease.dividedBy(2);
  }
}
