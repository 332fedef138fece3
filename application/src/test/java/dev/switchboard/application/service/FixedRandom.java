package dev.switchboard.application.service;

import java.util.random.RandomGenerator;

/** A "random" generator that always draws the lowest, or always the highest, value in range. */
final class FixedRandom implements RandomGenerator {

  private final boolean highest;

  private FixedRandom(boolean highest) {
    this.highest = highest;
  }

  /** Jitter always at its lowest: half the step. */
  static RandomGenerator lowest() {
    return new FixedRandom(false);
  }

  /** Jitter always at its highest: the full step. */
  static RandomGenerator highest() {
    return new FixedRandom(true);
  }

  @Override
  public long nextLong() {
    return highest ? Long.MAX_VALUE : 0;
  }

  @Override
  public long nextLong(long bound) {
    return highest ? bound - 1 : 0;
  }
}
