package dev.switchboard.bootstrap;

import io.micronaut.core.value.PropertyResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Settings whose values are wrong, found before any bean starts, each described in one line that
 * names the property (never its value when it is a secret).
 */
final class SettingsCheck {

  static final Duration MIN_DEDUPE_RETENTION = Duration.ofDays(7);
  static final Duration MAX_BATCH_WAIT = Duration.ofSeconds(1);
  static final Duration MIN_RECONCILIATION_INTERVAL = Duration.ofSeconds(1);

  private SettingsCheck() {}

  /** One line per problem; empty when the values are usable. */
  static List<String> problemsIn(PropertyResolver properties) {
    List<String> problems = new ArrayList<>();
    oneOf(
        properties,
        QueueModeFactory.QUEUE,
        Set.of(QueueModeFactory.EMBEDDED, QueueModeFactory.RABBITMQ),
        problems);
    oneOf(properties, "switchboard.media.store", Set.of("filesystem", "s3"), problems);
    Optional<Duration> dedupe = duration(properties, "switchboard.dedupe.retention", problems);
    dedupe
        .filter(d -> d.compareTo(MIN_DEDUPE_RETENTION) < 0)
        .ifPresent(
            d ->
                problems.add(
                    "switchboard.dedupe.retention must be at least 7d (Meta and Genesys redeliver"
                        + " for days), got "
                        + d));
    Optional<Duration> lifetime = duration(properties, "switchboard.media.link-lifetime", problems);
    Optional<Duration> retention = duration(properties, "switchboard.media.retention", problems);
    if (lifetime.isPresent()
        && retention.isPresent()
        && lifetime.get().compareTo(retention.get()) > 0) {
      problems.add(
          "switchboard.media.link-lifetime must not exceed switchboard.media.retention: links"
              + " would outlive the media they point to");
    }
    duration(properties, "switchboard.pipeline.batch-wait", problems)
        .filter(wait -> wait.isNegative() || wait.compareTo(MAX_BATCH_WAIT) > 0)
        .ifPresent(
            wait ->
                problems.add(
                    "switchboard.pipeline.batch-wait must be between 0 and 1s (every message may"
                        + " wait that long), got "
                        + wait));
    duration(properties, ReconciliationSettings.INTERVAL, problems)
        .filter(interval -> interval.compareTo(MIN_RECONCILIATION_INTERVAL) < 0)
        .ifPresent(
            interval ->
                problems.add(
                    ReconciliationSettings.INTERVAL + " must be at least 1s, got " + interval));
    duration(properties, ReconciliationSettings.GRACE, problems)
        .filter(Duration::isNegative)
        .ifPresent(
            grace ->
                problems.add(ReconciliationSettings.GRACE + " must not be negative, got " + grace));
    if (properties.containsProperty("switchboard.backlog.max")) {
      Optional<Long> max = Optional.empty();
      try {
        max = properties.getProperty("switchboard.backlog.max", Long.class);
      } catch (RuntimeException notANumber) {
        // reported below
      }
      if (max.isEmpty()) {
        problems.add("switchboard.backlog.max must be a whole number");
      } else if (max.get() < 1) {
        problems.add("switchboard.backlog.max must be at least 1");
      }
    }
    return problems;
  }

  private static void oneOf(
      PropertyResolver properties, String name, Set<String> allowed, List<String> problems) {
    properties
        .getProperty(name, String.class)
        .filter(value -> !allowed.contains(value))
        .ifPresent(
            value ->
                problems.add(
                    name
                        + " must be one of "
                        + String.join(", ", allowed.stream().sorted().toList())
                        + ", got '"
                        + value
                        + "'"));
  }

  private static Optional<Duration> duration(
      PropertyResolver properties, String name, List<String> problems) {
    if (!properties.containsProperty(name)) {
      return Optional.empty();
    }
    try {
      Optional<Duration> value = properties.getProperty(name, Duration.class);
      if (value.isEmpty()) {
        problems.add(name + " must be a duration such as 30d, 12h or 90s");
      }
      return value;
    } catch (RuntimeException notADuration) {
      problems.add(name + " must be a duration such as 30d, 12h or 90s");
      return Optional.empty();
    }
  }
}
