package dev.switchboard.adapters.support;

import java.util.List;
import java.util.Objects;

/**
 * What an adapter made of its settings: the value built from what is usable, the required
 * properties that are missing, and the values that are wrong, one line each naming the property.
 * Start-up stops when either list is not empty; the beans are built from the value all the same, so
 * that a test may start a context with part of the settings.
 *
 * @param value what the usable settings give
 * @param missing the full names of required properties that are absent or blank
 * @param problems what is wrong with the values that are there, one line each
 */
public record Checked<T>(T value, List<String> missing, List<String> problems) {
  public Checked {
    Objects.requireNonNull(value, "value");
    missing = List.copyOf(missing);
    problems = List.copyOf(problems);
  }

  /** Whether the settings are complete and usable. */
  public boolean isUsable() {
    return missing.isEmpty() && problems.isEmpty();
  }
}
