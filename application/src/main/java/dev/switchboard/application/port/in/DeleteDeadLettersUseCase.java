package dev.switchboard.application.port.in;

/** Lets an operator throw away dead letters that will never be replayed. */
public interface DeleteDeadLettersUseCase {

  /** Deletes one; whether it existed. */
  boolean delete(DeleteDeadLetterCommand command);

  /** Deletes every one the filter chooses, batch after batch; how many. */
  int delete(DeleteDeadLettersCommand command);
}
