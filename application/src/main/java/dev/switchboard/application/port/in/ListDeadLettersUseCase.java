package dev.switchboard.application.port.in;

import dev.switchboard.application.pipeline.DeadLetter;
import java.util.List;

/** Shows an operator what could not be completed, and why. */
public interface ListDeadLettersUseCase {

  /** A page of dead letters, oldest first. */
  List<DeadLetter> list(ListDeadLettersCommand command);
}
