package dev.switchboard.application.port.in;

/**
 * Applies one decoded event in one transaction: de-duplicates it, applies the domain rules and
 * records what must be sent. Applying the same event twice has one effect.
 */
public interface HandleEventUseCase {

  /**
   * Applies the event.
   *
   * @throws RuntimeException when the store failed: nothing was recorded, the event must be retried
   */
  void handle(HandleEventCommand command);
}
