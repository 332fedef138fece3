package dev.switchboard.application.fakes;

import dev.switchboard.application.pipeline.Traced;
import dev.switchboard.application.port.out.PipelineObserver;
import dev.switchboard.domain.channel.ConnectionId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link PipelineObserver} in memory: what it was told, in order, as {@code stage id detail}. */
public final class InMemoryObserver implements PipelineObserver {

  private final List<String> told = new ArrayList<>();
  private final List<Traced> refused = new ArrayList<>();
  private final List<Duration> endToEnd = new ArrayList<>();

  @Override
  public synchronized void processed(Traced message, Instant acceptedAt) {
    told.add("processed " + message.id() + " " + acceptedAt);
  }

  @Override
  public synchronized void refused(Traced message, Instant acceptedAt) {
    refused.add(message);
    told.add("refused " + message.id());
  }

  @Override
  public synchronized void queued(Traced message) {
    told.add("queued " + message.id());
  }

  @Override
  public synchronized void attempt(
      Traced message, String upstream, CallOutcome outcome, String detail, Duration took) {
    told.add(
        "attempt "
            + (message == null ? "-" : message.id())
            + " "
            + upstream
            + " "
            + outcome
            + " "
            + detail);
  }

  @Override
  public synchronized void delivered(Traced message, Duration endToEnd) {
    this.endToEnd.add(endToEnd);
    told.add("delivered " + message.id() + " " + message.direction());
  }

  @Override
  public synchronized void failed(Traced message, String detail) {
    told.add("failed " + message.id() + " " + detail);
  }

  @Override
  public synchronized void expired(Traced message) {
    told.add("expired " + message.id());
  }

  @Override
  public synchronized void deadLettered(Traced message) {
    told.add("dead_letter " + message.id());
  }

  @Override
  public synchronized void receipt(Traced message, String status) {
    told.add("receipt " + message.id() + " " + status);
  }

  @Override
  public synchronized void status(Traced message, String status) {
    told.add("status " + message.id() + " " + status);
  }

  /** What it was told, in order. */
  public synchronized List<String> told() {
    return List.copyOf(told);
  }

  /** The end-to-end durations it was told of ({@code null} where not known), in order. */
  public synchronized List<Duration> endToEnd() {
    return new ArrayList<>(endToEnd);
  }

  /** How many customers' messages the connection refused. */
  public synchronized int customersRefused(ConnectionId connection) {
    return (int) refused.stream().filter(t -> t.connection().equals(connection)).count();
  }

  /** How many customers' messages all connections refused. */
  public synchronized int customersRefused() {
    return refused.size();
  }
}
