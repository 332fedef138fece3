package dev.switchboard.application.port.out;

import dev.switchboard.application.pipeline.MessageTrace;
import java.util.Optional;

/** The traces of messages kept for operators ({@link PipelineObserver} writes them). */
public interface MessageTraces {

  /**
   * The trace of the message whose id (a wamid, a Telegram message key, a contact center's message
   * id) is {@code id}, with everything observed up to now; empty when none is kept.
   */
  Optional<MessageTrace> find(String id);
}
