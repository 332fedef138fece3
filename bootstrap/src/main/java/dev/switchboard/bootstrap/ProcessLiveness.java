package dev.switchboard.bootstrap;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/** Liveness ({@code /health/liveness}): the process answers HTTP; nothing else is asked of it. */
@Singleton
@Liveness
class ProcessLiveness implements HealthIndicator {

  @Override
  public Publisher<HealthResult> getResult() {
    return Publishers.just(HealthResult.builder("process", HealthStatus.UP).build());
  }
}
