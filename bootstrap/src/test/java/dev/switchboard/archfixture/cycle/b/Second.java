package dev.switchboard.archfixture.cycle.b;

import dev.switchboard.archfixture.cycle.a.First;

/** The other half of a package cycle: ArchitectureTest must catch it. */
public final class Second {

  public First back() {
    return new First();
  }
}
