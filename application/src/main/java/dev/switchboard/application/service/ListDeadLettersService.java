package dev.switchboard.application.service;

import dev.switchboard.application.pipeline.DeadLetter;
import dev.switchboard.application.port.in.ListDeadLettersCommand;
import dev.switchboard.application.port.in.ListDeadLettersUseCase;
import dev.switchboard.application.port.out.DeadLetters;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;

/** Pages through the dead letters, oldest first, for an operator. */
public final class ListDeadLettersService implements ListDeadLettersUseCase {

  private static final System.Logger LOG = System.getLogger(ListDeadLettersService.class.getName());

  private final DeadLetters deadLetters;

  public ListDeadLettersService(DeadLetters deadLetters) {
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
  }

  @Override
  public List<DeadLetter> list(ListDeadLettersCommand command) {
    List<DeadLetter> page = deadLetters.list(command.filter(), command.limit(), command.after());
    LOG.log(
        Level.INFO,
        "{0} dead letters listed matching {1}",
        page.size(),
        command.filter().describe());
    return page;
  }
}
