package dev.switchboard.bootstrap;

import dev.switchboard.application.pipeline.ReconciliationReport;
import dev.switchboard.application.port.in.ReconcileCommand;
import dev.switchboard.application.port.in.ReconcileUseCase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the reconciliation every {@code switchboard.reconciliation.interval} (default 15 minutes)
 * and shows what it found at {@code GET /prometheus}: {@code
 * switchboard_reconciliation_runs_total}, {@code switchboard_reconciliation_stuck{stage}} (what the
 * last run found waiting longer than the grace, a gauge) and {@code
 * switchboard_reconciliation_redriven_total{stage}}; stages {@code inbox}, {@code events}, {@code
 * outbox}, {@code claims}. Created at start-up, so that its meters are shown (at zero) before its
 * first run.
 */
@Context
@Requires(property = "switchboard.pipeline.enabled", notEquals = "false")
class Reconciliation {

  private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

  static final String RUNS = "switchboard.reconciliation.runs";
  static final String STUCK = "switchboard.reconciliation.stuck";
  static final String REDRIVEN = "switchboard.reconciliation.redriven";

  private final ReconcileUseCase reconcile;
  private final Optional<Counter> runs;
  private final Map<String, AtomicLong> stuck = new HashMap<>();
  private final Map<String, Counter> redriven = new HashMap<>();

  Reconciliation(ReconcileUseCase reconcile, Optional<MeterRegistry> registry) {
    this.reconcile = reconcile;
    this.runs =
        registry.map(
            r ->
                Counter.builder(RUNS)
                    .description("Reconciliations run: checks that accepted work reached an end")
                    .register(r));
    for (String stage : ReconciliationReport.STAGES) {
      AtomicLong found = new AtomicLong();
      stuck.put(stage, found);
      registry.ifPresent(
          r -> {
            Gauge.builder(STUCK, found, AtomicLong::get)
                .description("Items the last reconciliation found waiting longer than the grace")
                .tag("stage", stage)
                .register(r);
            redriven.put(
                stage,
                Counter.builder(REDRIVEN)
                    .description(
                        "Items the reconciliation re-drove (worker woken, claim released,"
                            + " queue consumed again)")
                    .tag("stage", stage)
                    .register(r));
          });
    }
  }

  @Scheduled(
      initialDelay = "${switchboard.reconciliation.interval:15m}",
      fixedDelay = "${switchboard.reconciliation.interval:15m}")
  void scheduled() {
    try {
      run();
    } catch (RuntimeException e) {
      LOG.warn("the reconciliation failed; it runs again at its next interval: {}", e.toString());
    }
  }

  /** Reconciles once and records the findings as meters. */
  ReconciliationReport run() {
    ReconciliationReport report = reconcile.reconcile(new ReconcileCommand());
    runs.ifPresent(Counter::increment);
    stuck.forEach((stage, found) -> found.set(report.stuck(stage)));
    redriven.forEach((stage, counter) -> counter.increment(report.redriven(stage)));
    return report;
  }
}
