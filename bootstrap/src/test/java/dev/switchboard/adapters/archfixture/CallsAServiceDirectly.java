package dev.switchboard.adapters.archfixture;

import dev.switchboard.application.service.RetryPolicy;

/** An adapter class that reaches past the ports into a service: ArchitectureTest must catch it. */
public final class CallsAServiceDirectly {

  public Object policy() {
    return RetryPolicy.standard();
  }
}
