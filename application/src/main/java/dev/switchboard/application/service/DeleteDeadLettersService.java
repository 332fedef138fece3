package dev.switchboard.application.service;

import dev.switchboard.application.port.in.DeleteDeadLetterCommand;
import dev.switchboard.application.port.in.DeleteDeadLettersCommand;
import dev.switchboard.application.port.in.DeleteDeadLettersUseCase;
import dev.switchboard.application.port.out.DeadLetters;
import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * Deletes dead letters for an operator: one by id, or those a filter chooses in batches (each its
 * own transaction) until a batch comes back short.
 */
public final class DeleteDeadLettersService implements DeleteDeadLettersUseCase {

  private static final System.Logger LOG =
      System.getLogger(DeleteDeadLettersService.class.getName());

  /** How many dead letters one transaction deletes at most. */
  static final int BATCH = 500;

  private final DeadLetters deadLetters;

  public DeleteDeadLettersService(DeadLetters deadLetters) {
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
  }

  @Override
  public boolean delete(DeleteDeadLetterCommand command) {
    if (deadLetters.find(command.id()).isEmpty()) {
      return false;
    }
    deadLetters.remove(command.id());
    LOG.log(Level.INFO, "dead letter {0} deleted", command.id());
    return true;
  }

  @Override
  public int delete(DeleteDeadLettersCommand command) {
    int total = 0;
    int deleted;
    do {
      deleted = deadLetters.removeMatching(command.filter(), BATCH);
      total += deleted;
    } while (deleted >= BATCH);
    LOG.log(
        Level.INFO, "{0} dead letters deleted matching {1}", total, command.filter().describe());
    return total;
  }
}
