package dev.switchboard.application.port.in;

import dev.switchboard.application.pipeline.DeadLetterFilter;
import java.util.Objects;

/** Delete the dead letters a filter chooses. */
public record DeleteDeadLettersCommand(DeadLetterFilter filter) {
  public DeleteDeadLettersCommand {
    Objects.requireNonNull(filter, "filter");
  }
}
