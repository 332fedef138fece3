package dev.switchboard.application.port.in;

import dev.switchboard.application.pipeline.ReconciliationReport;

/**
 * Checks that every accepted item is on its way to an end (forwarded, sent, failed, dead-lettered,
 * refused): work left behind longer than the grace (a lost wake-up, a lost consumer, a claim whose
 * dispatcher went missing) is re-driven, never copied.
 */
public interface ReconcileUseCase {

  /** Reconciles once; what was found and re-driven, by stage. */
  ReconciliationReport reconcile(ReconcileCommand command);
}
