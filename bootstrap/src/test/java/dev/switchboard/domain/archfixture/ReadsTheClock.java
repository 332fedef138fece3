package dev.switchboard.domain.archfixture;

import java.time.Instant;

/** A deliberate violation, imported only by the test that proves the clock rule can fail. */
public final class ReadsTheClock {

  private ReadsTheClock() {}

  /** Reads the wall clock, which domain code must never do. */
  public static Instant now() {
    return Instant.now();
  }
}
