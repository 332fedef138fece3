package dev.switchboard.bootstrap;

import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.port.in.AcceptWebhookUseCase;
import dev.switchboard.application.port.in.DispatchOutboxUseCase;
import dev.switchboard.application.port.in.ProcessInboxUseCase;
import dev.switchboard.application.port.out.ContactCenter;
import dev.switchboard.application.port.out.ContactDirectory;
import dev.switchboard.application.port.out.Conversations;
import dev.switchboard.application.port.out.DeadLetters;
import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.application.port.out.Inbox;
import dev.switchboard.application.port.out.MediaStore;
import dev.switchboard.application.port.out.MessagingChannel;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.application.port.out.ProcessedMessages;
import dev.switchboard.application.port.out.Transactions;
import dev.switchboard.application.port.out.WebhookDecoder;
import dev.switchboard.application.service.AcceptWebhookService;
import dev.switchboard.application.service.DispatchOutboxService;
import dev.switchboard.application.service.ProcessInboxService;
import dev.switchboard.application.service.RetryPolicy;
import dev.switchboard.domain.conversation.TemplatePolicy;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/** Wires the application's use cases to the adapters. */
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
  AcceptWebhookUseCase acceptWebhook(Inbox inbox, Clock clock, @Named(PROCESSOR) Wakeup wakeup) {
    return new AcceptWebhookService(inbox, clock, wakeup);
  }

  @Singleton
  ProcessInboxUseCase processInbox(
      List<WebhookDecoder> decoders,
      Inbox inbox,
      Outbox outbox,
      Conversations conversations,
      Deliveries deliveries,
      ContactDirectory contacts,
      ProcessedMessages processed,
      DeadLetters deadLetters,
      Transactions transactions,
      Clock clock,
      @Named(DISPATCHER) Wakeup dispatcher) {
    return new ProcessInboxService(
        decoders,
        inbox,
        outbox,
        conversations,
        deliveries,
        contacts,
        processed,
        deadLetters,
        transactions,
        new TemplatePolicy(),
        clock,
        dispatcher);
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

  @Singleton
  DispatchOutboxUseCase dispatchOutbox(
      Outbox outbox,
      ContactCenter contactCenter,
      MessagingChannel channel,
      MediaStore media,
      MediaSettings mediaSettings,
      Conversations conversations,
      Deliveries deliveries,
      DeadLetters deadLetters,
      Transactions transactions,
      Clock clock,
      PipelineSettings settings,
      @Named(DISPATCHER) ExecutorService workers,
      @Named(DISPATCHER) Wakeup dispatcher) {
    RetryPolicy retries =
        new RetryPolicy(
            settings.retryBase(),
            settings.retryCap(),
            settings.giveUpAfter(),
            RandomGenerator.getDefault());
    return new DispatchOutboxService(
        outbox,
        contactCenter,
        channel,
        media,
        mediaSettings.linkLifetime(),
        conversations,
        deliveries,
        deadLetters,
        transactions,
        retries,
        clock,
        workers,
        settings.dispatchWorkers(),
        dispatcher);
  }
}
