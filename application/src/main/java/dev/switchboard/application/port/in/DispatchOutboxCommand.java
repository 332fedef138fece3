package dev.switchboard.application.port.in;

/**
 * Dispatch due outbox entries.
 *
 * @param maxEntries how many entries at most to start in this call
 */
public record DispatchOutboxCommand(int maxEntries) {
  public DispatchOutboxCommand {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1");
    }
  }
}
