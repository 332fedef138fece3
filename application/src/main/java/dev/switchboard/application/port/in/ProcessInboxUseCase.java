package dev.switchboard.application.port.in;

/**
 * Takes accepted webhooks in acceptance order, applies the domain rules and records what must be
 * sent.
 */
public interface ProcessInboxUseCase {

  /** Processes up to {@code command.maxEvents()} events; returns how many were taken. */
  int process(ProcessInboxCommand command);
}
