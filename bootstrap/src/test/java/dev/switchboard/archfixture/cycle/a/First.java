package dev.switchboard.archfixture.cycle.a;

import dev.switchboard.archfixture.cycle.b.Second;

/** One half of a package cycle: ArchitectureTest must catch it. */
public final class First {

  public Second next() {
    return new Second();
  }
}
