package dev.switchboard.application.port.in;

/**
 * Puts a dead letter back on its way: a webhook into the inbox (processing de-duplicates what
 * already took effect), an outbox entry at the end of its lane.
 */
public interface ReplayDeadLetterUseCase {

  /** Replays it; whether it existed. */
  Result replay(ReplayDeadLetterCommand command);

  /** What became of a replay. */
  enum Result {
    REPLAYED,
    NOT_FOUND
  }
}
