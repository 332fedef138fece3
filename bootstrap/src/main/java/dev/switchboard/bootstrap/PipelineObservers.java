package dev.switchboard.bootstrap;

import dev.switchboard.application.pipeline.Traced;
import dev.switchboard.application.port.out.PipelineObserver;
import dev.switchboard.domain.channel.ConnectionId;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tells every observer (the meters, the traces) what the pipeline tells; an observer that throws is
 * logged and does not stop the others, nor the pipeline.
 */
final class PipelineObservers implements PipelineObserver {

  private static final System.Logger LOG = System.getLogger(PipelineObservers.class.getName());

  private final List<PipelineObserver> observers;

  PipelineObservers(List<PipelineObserver> observers) {
    this.observers = List.copyOf(observers);
  }

  private void tell(Consumer<PipelineObserver> what) {
    for (PipelineObserver observer : observers) {
      try {
        what.accept(observer);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "an observer of the pipeline failed: {0}", e.toString());
      }
    }
  }

  /** Starts the work with every observer; closing it ends it with each, in the reverse order. */
  @Override
  public Work working(ConnectionId connection, String messageId) {
    List<Work> started = new ArrayList<>(observers.size());
    tell(o -> started.add(o.working(connection, messageId)));
    return () -> {
      for (int i = started.size() - 1; i >= 0; i--) {
        try {
          started.get(i).close();
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "an observer of the pipeline failed: {0}", e.toString());
        }
      }
    };
  }

  @Override
  public void processed(Traced message, Instant acceptedAt) {
    tell(o -> o.processed(message, acceptedAt));
  }

  @Override
  public void refused(Traced message, Instant acceptedAt) {
    tell(o -> o.refused(message, acceptedAt));
  }

  @Override
  public void queued(Traced message) {
    tell(o -> o.queued(message));
  }

  @Override
  public void attempt(
      Traced message, String upstream, CallOutcome outcome, String detail, Duration took) {
    tell(o -> o.attempt(message, upstream, outcome, detail, took));
  }

  @Override
  public void delivered(Traced message, Duration endToEnd) {
    tell(o -> o.delivered(message, endToEnd));
  }

  @Override
  public void failed(Traced message, String detail) {
    tell(o -> o.failed(message, detail));
  }

  @Override
  public void expired(Traced message) {
    tell(o -> o.expired(message));
  }

  @Override
  public void deadLettered(Traced message) {
    tell(o -> o.deadLettered(message));
  }

  @Override
  public void receipt(Traced message, String status) {
    tell(o -> o.receipt(message, status));
  }

  @Override
  public void status(Traced message, String status) {
    tell(o -> o.status(message, status));
  }
}
