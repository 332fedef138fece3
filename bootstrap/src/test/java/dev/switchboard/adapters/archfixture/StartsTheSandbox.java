package dev.switchboard.adapters.archfixture;

import dev.switchboard.sandbox.Sandbox;

/** Breaks a rule on purpose: an adapter that reaches into the sandbox. */
public final class StartsTheSandbox {

  private StartsTheSandbox() {}

  static boolean isSandbox(String... args) {
    return Sandbox.isRequested(args);
  }
}
