package dev.switchboard.bootstrap;

import dev.switchboard.application.pipeline.Traced;
import dev.switchboard.application.port.out.PipelineObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The bridge's business meters in Micrometer's registry, shown at {@code GET /prometheus} (the
 * names below as Prometheus shows them). Tags are connection names, directions, outcomes and
 * upstream names, never a customer's number or id or a message's id. Each meter is looked up once
 * per tag combination and kept: counting costs a map lookup and an add.
 */
@Singleton
class MicrometerMeters implements PipelineObserver {

  /** {@code switchboard_customers_refused_total{connection}}. */
  static final String CUSTOMERS_REFUSED = "switchboard.customers.refused";

  /** {@code switchboard_webhooks_total{source, outcome}}. */
  static final String WEBHOOKS = "switchboard.webhooks";

  /** {@code switchboard_messages_total{connection, direction, outcome}}. */
  static final String MESSAGES = "switchboard.messages";

  /** {@code switchboard_receipts_total{connection, status}}. */
  static final String RECEIPTS = "switchboard.receipts";

  /** {@code switchboard_upstream_seconds{upstream, outcome}}. */
  static final String UPSTREAM = "switchboard.upstream";

  /** {@code switchboard_end_to_end_seconds{direction}}. */
  static final String END_TO_END = "switchboard.end.to.end";

  /**
   * The bounds of the timers' histograms ({@code _bucket{le}}), from which dashboards compute
   * percentiles across instances: a fixed few, so that each timer is at most fifteen series.
   */
  static final Duration[] BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60)
  };

  /** The webhook outcomes counted. */
  enum WebhookOutcome {
    ACCEPTED,
    UNAUTHORIZED,
    THROTTLED,
    TOO_LARGE
  }

  private final Optional<MeterRegistry> registry;
  private final Map<Object, Counter> counters = new ConcurrentHashMap<>();
  private final Map<Object, Timer> timers = new ConcurrentHashMap<>();

  MicrometerMeters(Optional<MeterRegistry> registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** A webhook from {@code source} ({@code whatsapp}, {@code genesys}, {@code telegram}). */
  void webhook(String source, WebhookOutcome outcome) {
    count(
        new Key(WEBHOOKS, source, outcome),
        r ->
            Counter.builder(WEBHOOKS)
                .description("Webhooks received, by sender and answer")
                .tag("source", source)
                .tag("outcome", lower(outcome.name()))
                .register(r));
  }

  @Override
  public void refused(Traced message, java.time.Instant acceptedAt) {
    String connection = message.connection().value();
    count(
        new Key(CUSTOMERS_REFUSED, connection, null),
        r ->
            Counter.builder(CUSTOMERS_REFUSED)
                .description(
                    "Messages from customers not in a connection's allowed-customers, not"
                        + " forwarded")
                .tag("connection", connection)
                .register(r));
    message(message, "refused");
  }

  @Override
  public void attempt(
      Traced message, String upstream, CallOutcome outcome, String detail, Duration took) {
    time(
        new Key(UPSTREAM, upstream, outcome),
        r ->
            Timer.builder(UPSTREAM)
                .description("Calls to WhatsApp, Genesys and Telegram, by outcome")
                .tag("upstream", upstream)
                .tag("outcome", lower(outcome.name()))
                .serviceLevelObjectives(BUCKETS)
                .register(r),
        took);
  }

  @Override
  public void delivered(Traced message, Duration endToEnd) {
    message(message, message.direction() == Traced.Direction.TO_AGENT ? "forwarded" : "sent");
    if (endToEnd != null && !endToEnd.isNegative()) {
      String direction = lower(message.direction().name());
      time(
          new Key(END_TO_END, direction, null),
          r ->
              Timer.builder(END_TO_END)
                  .description(
                      "From a webhook's acceptance to the other side's 2xx for the message it"
                          + " carried (a held message: from its release)")
                  .tag("direction", direction)
                  .serviceLevelObjectives(BUCKETS)
                  .register(r),
          endToEnd);
    }
  }

  @Override
  public void failed(Traced message, String detail) {
    message(message, "failed");
  }

  @Override
  public void expired(Traced message) {
    message(message, "expired");
  }

  @Override
  public void receipt(Traced message, String status) {
    String connection = message.connection().value();
    count(
        new Key(RECEIPTS, connection, status),
        r ->
            Counter.builder(RECEIPTS)
                .description("Receipts the bridge gave the contact center about agents' messages")
                .tag("connection", connection)
                .tag("status", status)
                .register(r));
  }

  private void message(Traced message, String outcome) {
    String connection = message.connection().value();
    String direction = lower(message.direction().name());
    count(
        new Key(MESSAGES, connection, direction + "/" + outcome),
        r ->
            Counter.builder(MESSAGES)
                .description("Messages, by connection, direction and what became of them")
                .tag("connection", connection)
                .tag("direction", direction)
                .tag("outcome", outcome)
                .register(r));
  }

  private void count(Key key, Function<MeterRegistry, Counter> create) {
    if (registry.isPresent()) {
      counters.computeIfAbsent(key, k -> create.apply(registry.get())).increment();
    }
  }

  private void time(Key key, Function<MeterRegistry, Timer> create, Duration took) {
    if (registry.isPresent()) {
      timers.computeIfAbsent(key, k -> create.apply(registry.get())).record(took);
    }
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** A meter's name and the values of its tags. */
  private record Key(String meter, Object first, Object second) {}
}
