package dev.switchboard.application.port.in;

import dev.switchboard.application.pipeline.ChannelEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Decoded events of one shard, in the order they must be applied (each customer's in the order they
 * happened), each with the time its webhook was accepted.
 *
 * @param acceptedAt when each event's webhook was accepted, in the events' order; an element is
 *     {@code null} when not known (published by an earlier version)
 */
public record HandleEventCommand(List<ChannelEvent> events, List<Instant> acceptedAt) {
  public HandleEventCommand {
    events = List.copyOf(events);
    if (events.isEmpty()) {
      throw new IllegalArgumentException("no event to handle");
    }
    acceptedAt =
        acceptedAt == null
            ? Collections.nCopies(events.size(), null)
            : Collections.unmodifiableList(new ArrayList<>(acceptedAt));
    if (acceptedAt.size() != events.size()) {
      throw new IllegalArgumentException("one acceptance time per event");
    }
  }

  /** Events whose acceptance times are not known. */
  public HandleEventCommand(List<ChannelEvent> events) {
    this(events, null);
  }

  /** One event. */
  public HandleEventCommand(ChannelEvent event) {
    this(List.of(Objects.requireNonNull(event, "event")));
  }

  /** One event, accepted at {@code acceptedAt} ({@code null} when not known). */
  public HandleEventCommand(ChannelEvent event, Instant acceptedAt) {
    this(List.of(Objects.requireNonNull(event, "event")), Collections.singletonList(acceptedAt));
  }
}
