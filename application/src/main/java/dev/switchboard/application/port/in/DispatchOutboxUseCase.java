package dev.switchboard.application.port.in;

/** Sends due outbox entries to the other side, retrying passing failures with backoff. */
public interface DispatchOutboxUseCase {

  /**
   * Claims due entries (at most one per lane, and no more than free workers) and starts dispatching
   * them; returns how many were started.
   */
  int dispatch(DispatchOutboxCommand command);
}
