package dev.switchboard.application.service;

import dev.switchboard.application.pipeline.MessageTrace;
import dev.switchboard.application.port.in.TraceMessageUseCase;
import dev.switchboard.application.port.out.MessageTraces;
import java.util.Objects;
import java.util.Optional;

/** Looks a message's trace up by its id; a blank or overlong id has none. */
public final class TraceMessageService implements TraceMessageUseCase {

  /** The longest id looked up: longer than any wamid, Telegram key or Genesys id. */
  static final int MAX_ID_LENGTH = 512;

  private final MessageTraces traces;

  public TraceMessageService(MessageTraces traces) {
    this.traces = Objects.requireNonNull(traces, "traces");
  }

  @Override
  public Optional<MessageTrace> trace(String id) {
    if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
      return Optional.empty();
    }
    return traces.find(id);
  }
}
