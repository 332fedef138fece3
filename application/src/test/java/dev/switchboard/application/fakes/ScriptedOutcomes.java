package dev.switchboard.application.fakes;

import dev.switchboard.application.pipeline.DispatchOutcome;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.Supplier;

/** A queue of what the next calls of a recording fake answer; empty means the default answer. */
final class ScriptedOutcomes {

  private final Deque<Supplier<DispatchOutcome>> script = new ArrayDeque<>();

  void add(DispatchOutcome... outcomes) {
    for (DispatchOutcome outcome : outcomes) {
      Objects.requireNonNull(outcome, "outcome");
      script.add(() -> outcome);
    }
  }

  void addFailure(RuntimeException failure) {
    Objects.requireNonNull(failure, "failure");
    script.add(
        () -> {
          throw failure;
        });
  }

  DispatchOutcome next(Supplier<DispatchOutcome> byDefault) {
    Supplier<DispatchOutcome> scripted = script.poll();
    return (scripted == null ? byDefault : scripted).get();
  }
}
