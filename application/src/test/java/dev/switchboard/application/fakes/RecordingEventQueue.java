package dev.switchboard.application.fakes;

import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.port.out.EventQueue;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * An {@link EventQueue} that records what was published, in order; a publish can be made to fail
 * (as when the broker does not confirm), and then stores nothing of it.
 */
public final class RecordingEventQueue implements EventQueue {

  private final List<List<ChannelEvent>> batches = new ArrayList<>();
  private final Deque<RuntimeException> failures = new ArrayDeque<>();
  private final List<Runnable> onPublish = new ArrayList<>();
  private final List<Instant> acceptedAt = new ArrayList<>();

  @Override
  public synchronized void publish(List<ChannelEvent> events, List<Instant> accepted) {
    Objects.requireNonNull(events, "events");
    onPublish.forEach(Runnable::run);
    RuntimeException failure = failures.poll();
    if (failure != null) {
      throw failure;
    }
    batches.add(List.copyOf(events));
    for (int i = 0; i < events.size(); i++) {
      acceptedAt.add(accepted == null ? null : accepted.get(i));
    }
  }

  /** When each published event's webhook was accepted, in publish order. */
  public synchronized List<Instant> acceptedAt() {
    return new ArrayList<>(acceptedAt);
  }

  /** The next publish throws {@code failure} and stores nothing. */
  public synchronized RecordingEventQueue failNextPublish(RuntimeException failure) {
    failures.add(Objects.requireNonNull(failure, "failure"));
    return this;
  }

  /** Runs {@code probe} at the start of every publish, e.g. to see what was stored before it. */
  public synchronized RecordingEventQueue onPublish(Runnable probe) {
    onPublish.add(Objects.requireNonNull(probe, "probe"));
    return this;
  }

  /** Every successful publish, in call order. */
  public synchronized List<List<ChannelEvent>> batches() {
    return List.copyOf(batches);
  }

  /** Every event published, in order. */
  public synchronized List<ChannelEvent> published() {
    return batches.stream().flatMap(List::stream).toList();
  }
}
