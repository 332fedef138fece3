package dev.switchboard.application.service;

import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.port.in.SweepStuckWorkCommand;
import dev.switchboard.application.port.in.SweepStuckWorkUseCase;
import dev.switchboard.application.port.out.Outbox;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Objects;

/**
 * Releases the outbox claims whose lease ran out (their dispatcher crashed or hangs) and wakes the
 * dispatcher to send those entries again; each release is logged as a warning, as it means a
 * dispatcher went missing.
 */
public final class SweepStuckWorkService implements SweepStuckWorkUseCase {

  private static final System.Logger LOG = System.getLogger(SweepStuckWorkService.class.getName());

  private final Outbox outbox;
  private final Clock clock;
  private final Wakeup dispatcher;

  public SweepStuckWorkService(Outbox outbox, Clock clock, Wakeup dispatcher) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
  }

  @Override
  public int sweep(SweepStuckWorkCommand command) {
    int released = outbox.releaseExpiredClaims(clock.instant());
    if (released > 0) {
      LOG.log(
          Level.WARNING,
          "released {0} outbox claim(s) whose lease ran out; they will be dispatched again",
          released);
      dispatcher.signal();
    }
    return released;
  }
}
