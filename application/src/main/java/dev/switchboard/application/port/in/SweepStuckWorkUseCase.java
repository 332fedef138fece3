package dev.switchboard.application.port.in;

/**
 * Re-drives work that was accepted but is stuck: outbox entries claimed by a dispatcher that
 * crashed or hangs past its lease.
 */
public interface SweepStuckWorkUseCase {

  /** Sweeps; returns how many entries were re-driven. */
  int sweep(SweepStuckWorkCommand command);
}
