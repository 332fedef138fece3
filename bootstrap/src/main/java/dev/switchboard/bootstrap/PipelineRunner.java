package dev.switchboard.bootstrap;

import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.port.in.DispatchOutboxCommand;
import dev.switchboard.application.port.in.DispatchOutboxUseCase;
import dev.switchboard.application.port.in.ProcessInboxCommand;
import dev.switchboard.application.port.in.ProcessInboxUseCase;
import dev.switchboard.application.port.out.Outbox;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pipeline's loops on their own threads: with the embedded queue, the processor takes
 * accepted webhooks from the inbox (with RabbitMQ, its consumers drive processing instead); the
 * dispatcher sends what processing recorded. Each sleeps until woken (or the idle poll passes) when
 * there is nothing to do, and backs off when its store fails.
 */
@Singleton
@Requires(property = "switchboard.pipeline.enabled", notEquals = "false")
class PipelineRunner {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);
  private static final int BATCH = 64;

  private final Optional<ProcessInboxUseCase> processor;
  private final DispatchOutboxUseCase dispatcher;
  private final Outbox outbox;
  private final Wakeup processorWakeup;
  private final Wakeup dispatcherWakeup;
  private final Duration idlePoll;
  private final Duration batchWait;
  private final List<Loop> loops = new ArrayList<>();
  private volatile boolean running;

  PipelineRunner(
      Optional<ProcessInboxUseCase> processor,
      DispatchOutboxUseCase dispatcher,
      Outbox outbox,
      @Named(PipelineFactory.PROCESSOR) Wakeup processorWakeup,
      @Named(PipelineFactory.DISPATCHER) Wakeup dispatcherWakeup,
      PipelineSettings settings) {
    this.processor = processor;
    this.dispatcher = dispatcher;
    this.outbox = outbox;
    this.processorWakeup = processorWakeup;
    this.dispatcherWakeup = dispatcherWakeup;
    this.idlePoll = settings.idlePoll();
    this.batchWait = settings.batchWait();
  }

  @EventListener
  synchronized void onStartup(StartupEvent event) {
    if (running) {
      return;
    }
    running = true;
    processor.ifPresent(
        inbox -> {
          // the embedded queue runs in one process: claims left by a crashed predecessor belong
          // to nobody now (with several instances, expired leases are swept instead)
          outbox.releaseAllClaims();
          loops.add(
              new Loop(
                  "inbox-processor",
                  () -> inbox.process(new ProcessInboxCommand(BATCH)),
                  processorWakeup,
                  batchWait));
        });
    loops.add(
        new Loop(
            "outbox-dispatcher",
            () -> dispatcher.dispatch(new DispatchOutboxCommand(BATCH)),
            dispatcherWakeup,
            Duration.ZERO));
    loops.forEach(Loop::start);
    LOG.info("pipeline started");
  }

  /** The names of the pipeline's threads that should run and do not (none before start-up). */
  synchronized List<String> stoppedThreads() {
    if (!running) {
      return List.of();
    }
    return loops.stream().filter(loop -> !loop.isAlive()).map(loop -> loop.name).toList();
  }

  /**
   * Starts again a pipeline thread that ended while the pipeline runs (an error its loop does not
   * survive, such as running out of memory, or a stray interrupt); until then readiness is down.
   */
  @Scheduled(
      initialDelay = "${switchboard.pipeline.watchdog:10s}",
      fixedDelay = "${switchboard.pipeline.watchdog:10s}")
  synchronized void restartStoppedThreads() {
    if (!running) {
      return;
    }
    for (Loop loop : loops) {
      if (!loop.isAlive()) {
        LOG.error("pipeline thread {} had stopped; starting it again", loop.name);
        loop.start();
      }
    }
  }

  @EventListener
  synchronized void onShutdown(ShutdownEvent event) {
    running = false;
    loops.forEach(Loop::interrupt);
    for (Loop loop : loops) {
      try {
        loop.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    loops.clear();
  }

  /** One loop of the pipeline and the thread that runs it. */
  private final class Loop {
    final String name;
    private final IntSupplier step;
    private final Wakeup wakeup;
    private final Duration gather;
    private Thread thread;

    Loop(String name, IntSupplier step, Wakeup wakeup, Duration gather) {
      this.name = name;
      this.step = step;
      this.wakeup = wakeup;
      this.gather = gather;
    }

    void start() {
      thread = new Thread(() -> loop(name, step, wakeup, gather), name);
      thread.setDaemon(true);
      thread.start();
    }

    boolean isAlive() {
      return thread != null && thread.isAlive();
    }

    void interrupt() {
      if (thread != null) {
        thread.interrupt();
      }
    }

    void join() throws InterruptedException {
      if (thread != null) {
        thread.join(5_000);
      }
    }
  }

  /**
   * Runs {@code step} while it finds work; when it found none, waits to be woken. After a step that
   * found less than a full batch it lets work {@code gather} first (while a full batch goes on at
   * once): its next commit then serves more.
   */
  private void loop(String name, IntSupplier step, Wakeup wakeup, Duration gather) {
    Duration backoff = Duration.ofMillis(100);
    while (running) {
      try {
        int done = step.getAsInt();
        backoff = Duration.ofMillis(100);
        if (done == 0) {
          wakeup.await(idlePoll);
        } else if (done < BATCH && !gather.isZero()) {
          Thread.sleep(gather.toMillis(), gather.toNanosPart() % 1_000_000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warn("{} failed, retrying in {} ms: {}", name, backoff.toMillis(), e.toString());
        try {
          Thread.sleep(backoff.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
        backoff =
            backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                ? Duration.ofSeconds(10)
                : backoff.multipliedBy(2);
      }
    }
  }
}
