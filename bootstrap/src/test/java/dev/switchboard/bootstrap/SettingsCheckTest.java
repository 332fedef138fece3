package dev.switchboard.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.env.MapPropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Unusable values stop start-up with one line naming the property. */
class SettingsCheckTest {

  static Stream<Arguments> settings() {
    return Stream.of(
        Arguments.of(Map.of(), null),
        Arguments.of(Map.of("switchboard.queue", "rabbitmq"), null),
        Arguments.of(Map.of("switchboard.queue", "kafka"), "switchboard.queue"),
        Arguments.of(Map.of("switchboard.media.store", "ftp"), "switchboard.media.store"),
        Arguments.of(Map.of("switchboard.dedupe.retention", "7d"), null),
        Arguments.of(Map.of("switchboard.dedupe.retention", "6d"), "switchboard.dedupe.retention"),
        Arguments.of(
            Map.of("switchboard.dedupe.retention", "soon"), "switchboard.dedupe.retention"),
        Arguments.of(
            Map.of("switchboard.media.link-lifetime", "2d", "switchboard.media.retention", "1d"),
            "switchboard.media.link-lifetime"),
        Arguments.of(Map.of("switchboard.backlog.max", "0"), "switchboard.backlog.max"),
        Arguments.of(Map.of("switchboard.backlog.max", "many"), "switchboard.backlog.max"),
        Arguments.of(Map.of("switchboard.pipeline.batch-wait", "0ms"), null),
        Arguments.of(Map.of("switchboard.pipeline.batch-wait", "5ms"), null),
        Arguments.of(
            Map.of("switchboard.pipeline.batch-wait", "-1ms"), "switchboard.pipeline.batch-wait"),
        Arguments.of(
            Map.of("switchboard.pipeline.batch-wait", "2s"), "switchboard.pipeline.batch-wait"),
        Arguments.of(Map.of("switchboard.reconciliation.interval", "15m"), null),
        Arguments.of(
            Map.of("switchboard.reconciliation.interval", "often"),
            "switchboard.reconciliation.interval"),
        Arguments.of(
            Map.of("switchboard.reconciliation.interval", "0s"),
            "switchboard.reconciliation.interval"),
        Arguments.of(Map.of("switchboard.reconciliation.grace", "0s"), null),
        Arguments.of(
            Map.of("switchboard.reconciliation.grace", "-5m"), "switchboard.reconciliation.grace"),
        Arguments.of(
            Map.of("switchboard.reconciliation.grace", "a while"),
            "switchboard.reconciliation.grace"));
  }

  @ParameterizedTest
  @MethodSource("settings")
  void names_the_property_of_each_unusable_value(Map<String, Object> values, String named) {
    var resolver = new PropertySourcePropertyResolver(MapPropertySource.of("test", values));

    List<String> problems = SettingsCheck.problemsIn(resolver);

    if (named == null) {
      assertThat(problems).isEmpty();
    } else {
      assertThat(problems).hasSize(1);
      assertThat(problems.get(0)).startsWith(named);
    }
  }
}
