package dev.switchboard.application.port.in;

import dev.switchboard.application.pipeline.ChannelEvent;
import java.util.Objects;

/** One decoded event of one customer, to apply. */
public record HandleEventCommand(ChannelEvent event) {
  public HandleEventCommand {
    Objects.requireNonNull(event, "event");
  }
}
