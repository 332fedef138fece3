package dev.switchboard.application.fakes;

import dev.switchboard.application.port.out.Meters;
import dev.switchboard.domain.channel.ConnectionId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** {@link Meters} in memory: each count per connection. */
public final class InMemoryMeters implements Meters {

  private final Map<ConnectionId, Integer> refused = new HashMap<>();
  private final Map<ConnectionId, Integer> forwardsFailed = new HashMap<>();

  @Override
  public synchronized void customerRefused(ConnectionId connection) {
    refused.merge(Objects.requireNonNull(connection, "connection"), 1, Integer::sum);
  }

  /** How many customers' messages the connection refused. */
  public synchronized int customersRefused(ConnectionId connection) {
    return refused.getOrDefault(connection, 0);
  }

  /** How many customers' messages all connections refused. */
  public synchronized int customersRefused() {
    return refused.values().stream().mapToInt(Integer::intValue).sum();
  }

  @Override
  public synchronized void forwardFailed(ConnectionId connection) {
    forwardsFailed.merge(Objects.requireNonNull(connection, "connection"), 1, Integer::sum);
  }

  /** How many forwarded messages the contact center reported failed on the connection. */
  public synchronized int forwardsFailed(ConnectionId connection) {
    return forwardsFailed.getOrDefault(connection, 0);
  }
}
