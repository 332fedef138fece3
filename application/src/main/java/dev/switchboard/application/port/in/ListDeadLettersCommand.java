package dev.switchboard.application.port.in;

/**
 * A page of dead letters.
 *
 * @param limit how many at most (1 to 500)
 * @param after the id of the last one already seen; {@code null} for the first page
 */
public record ListDeadLettersCommand(int limit, String after) {
  public ListDeadLettersCommand {
    if (limit < 1 || limit > 500) {
      throw new IllegalArgumentException("limit must be between 1 and 500");
    }
  }
}
