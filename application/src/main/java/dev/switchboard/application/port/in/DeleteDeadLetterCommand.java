package dev.switchboard.application.port.in;

import java.util.Objects;

/** Delete one dead letter. */
public record DeleteDeadLetterCommand(String id) {
  public DeleteDeadLetterCommand {
    Objects.requireNonNull(id, "id");
  }
}
