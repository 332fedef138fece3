package dev.switchboard.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How the reconciliation runs ({@code switchboard.reconciliation.*}).
 *
 * @param interval how often it runs (and how long after start-up it first runs)
 * @param grace how long an accepted item may wait in one stage before it counts as left behind:
 *     well above what processing and dispatching take, and above the claim lease, so that a busy
 *     but healthy pipeline is not reported; re-driving is harmless either way
 */
@ConfigurationProperties(ReconciliationSettings.PREFIX)
public record ReconciliationSettings(
    @Bindable(defaultValue = "15m") Duration interval,
    @Bindable(defaultValue = "5m") Duration grace) {

  static final String PREFIX = "switchboard.reconciliation";
  static final String INTERVAL = PREFIX + ".interval";
  static final String GRACE = PREFIX + ".grace";
}
