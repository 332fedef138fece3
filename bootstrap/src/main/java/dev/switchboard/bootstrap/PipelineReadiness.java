package dev.switchboard.bootstrap;

import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Readiness: the pipeline's threads run. An accept-only instance ({@code
 * switchboard.pipeline.enabled=false}) has none, and is ready without them.
 */
@Singleton
class PipelineReadiness extends ReadinessCheck {

  private final Optional<PipelineRunner> runner;

  PipelineReadiness(
      Optional<PipelineRunner> runner, @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
    super("pipeline", executor);
    this.runner = runner;
  }

  @Override
  Result check() {
    if (runner.isEmpty()) {
      return Result.up(Map.of("enabled", false));
    }
    List<String> stopped = runner.get().stoppedThreads();
    return stopped.isEmpty()
        ? Result.up(Map.of("enabled", true))
        : Result.down("stopped: " + String.join(", ", stopped));
  }
}
