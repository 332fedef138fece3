package dev.switchboard.application.port.in;

/**
 * Process accepted webhooks.
 *
 * @param maxEvents how many events at most in this call
 */
public record ProcessInboxCommand(int maxEvents) {
  public ProcessInboxCommand {
    if (maxEvents < 1) {
      throw new IllegalArgumentException("maxEvents must be at least 1");
    }
  }
}
