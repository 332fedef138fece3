package dev.switchboard.application.port.in;

import dev.switchboard.application.pipeline.ChannelEvent;
import java.util.List;
import java.util.Objects;

/**
 * Decoded events of one shard, in the order they must be applied (each customer's in the order they
 * happened).
 */
public record HandleEventCommand(List<ChannelEvent> events) {
  public HandleEventCommand {
    events = List.copyOf(events);
    if (events.isEmpty()) {
      throw new IllegalArgumentException("no event to handle");
    }
  }

  /** One event. */
  public HandleEventCommand(ChannelEvent event) {
    this(List.of(Objects.requireNonNull(event, "event")));
  }
}
