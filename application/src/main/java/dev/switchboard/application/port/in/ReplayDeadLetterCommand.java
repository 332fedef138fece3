package dev.switchboard.application.port.in;

import java.util.Objects;

/** Replay one dead letter. */
public record ReplayDeadLetterCommand(String id) {
  public ReplayDeadLetterCommand {
    Objects.requireNonNull(id, "id");
  }
}
