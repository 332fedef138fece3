package dev.switchboard.application.port.in;

/**
 * Puts every dead letter a filter chooses back on its way, batch after batch; those set aside after
 * the replay began (a replayed one failing again) are left for another time.
 */
public interface ReplayDeadLettersUseCase {

  /** Replays them; how many. */
  int replay(ReplayDeadLettersCommand command);
}
