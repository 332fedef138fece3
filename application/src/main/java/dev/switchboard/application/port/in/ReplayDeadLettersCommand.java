package dev.switchboard.application.port.in;

import dev.switchboard.application.pipeline.DeadLetterFilter;
import java.util.Objects;

/** Replay the dead letters a filter chooses. */
public record ReplayDeadLettersCommand(DeadLetterFilter filter) {
  public ReplayDeadLettersCommand {
    Objects.requireNonNull(filter, "filter");
  }
}
