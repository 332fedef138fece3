package dev.switchboard.application.service;

import dev.switchboard.application.pipeline.DeadLetter;
import dev.switchboard.application.port.in.ListDeadLettersCommand;
import dev.switchboard.application.port.in.ListDeadLettersUseCase;
import dev.switchboard.application.port.out.DeadLetters;
import java.util.List;
import java.util.Objects;

/** Pages through the dead letters, oldest first, for an operator. */
public final class ListDeadLettersService implements ListDeadLettersUseCase {

  private final DeadLetters deadLetters;

  public ListDeadLettersService(DeadLetters deadLetters) {
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
  }

  @Override
  public List<DeadLetter> list(ListDeadLettersCommand command) {
    return deadLetters.list(command.limit(), command.after());
  }
}
