package dev.switchboard.bootstrap;

import dev.switchboard.application.port.out.Meters;
import dev.switchboard.domain.channel.ConnectionId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bridge's business meters in Micrometer's registry, shown at {@code GET /prometheus}. Tags are
 * connection names, never a customer's number or id.
 */
@Singleton
class MicrometerMeters implements Meters {

  /** Shown as {@code switchboard_customers_refused_total{connection}}. */
  static final String CUSTOMERS_REFUSED = "switchboard.customers.refused";

  /**
   * Shown as {@code switchboard_messages_total{connection, direction, outcome}}; here counted for
   * {@code direction="to_agent", outcome="failed"}.
   */
  static final String MESSAGES = "switchboard.messages";

  private final Optional<MeterRegistry> registry;
  private final Map<ConnectionId, Counter> refused = new ConcurrentHashMap<>();
  private final Map<ConnectionId, Counter> forwardsFailed = new ConcurrentHashMap<>();

  MicrometerMeters(Optional<MeterRegistry> registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void customerRefused(ConnectionId connection) {
    if (registry.isEmpty()) {
      return;
    }
    refused
        .computeIfAbsent(
            connection,
            c ->
                Counter.builder(CUSTOMERS_REFUSED)
                    .description(
                        "Messages from customers not in a connection's allowed-customers, not"
                            + " forwarded")
                    .tag("connection", c.value())
                    .register(registry.get()))
        .increment();
  }

  @Override
  public void forwardFailed(ConnectionId connection) {
    if (registry.isEmpty()) {
      return;
    }
    forwardsFailed
        .computeIfAbsent(
            connection,
            c ->
                Counter.builder(MESSAGES)
                    .description("Messages the bridge carried, by direction and outcome")
                    .tag("connection", c.value())
                    .tag("direction", "to_agent")
                    .tag("outcome", "failed")
                    .register(registry.get()))
        .increment();
  }
}
