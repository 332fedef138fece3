package dev.switchboard.bootstrap;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * For tests that run the bridge on data written at a known time: with {@code test.clock.start}, the
 * bridge's clock starts there and runs on at the real pace (retries and backoff still work).
 */
@Factory
@Requires(property = TestClockFactory.START)
class TestClockFactory {

  static final String START = "test.clock.start";

  @Singleton
  @Replaces(factory = PipelineFactory.class, value = Clock.class)
  Clock clock(@Value("${" + START + "}") String start) {
    return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), Instant.parse(start)));
  }
}
