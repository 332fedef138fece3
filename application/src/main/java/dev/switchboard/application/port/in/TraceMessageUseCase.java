package dev.switchboard.application.port.in;

import dev.switchboard.application.pipeline.MessageTrace;
import java.util.Optional;

/** Shows operators the way one message went through the bridge. */
public interface TraceMessageUseCase {

  /** The trace of the message of that id; empty when the bridge keeps none. */
  Optional<MessageTrace> trace(String id);
}
