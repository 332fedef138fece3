package dev.switchboard.application.port.in;

import dev.switchboard.application.pipeline.DeadLetterFilter;
import java.util.Objects;

/**
 * A page of dead letters.
 *
 * @param limit how many at most (1 to 500)
 * @param after the id of the last one already seen; {@code null} for the first page
 * @param filter which ones
 */
public record ListDeadLettersCommand(int limit, String after, DeadLetterFilter filter) {
  public ListDeadLettersCommand {
    if (limit < 1 || limit > 500) {
      throw new IllegalArgumentException("limit must be between 1 and 500");
    }
    Objects.requireNonNull(filter, "filter");
  }

  /** A page of all dead letters. */
  public ListDeadLettersCommand(int limit, String after) {
    this(limit, after, DeadLetterFilter.ALL);
  }
}
