package dev.switchboard.application.port.out;

import dev.switchboard.domain.channel.ConnectionId;

/**
 * What operators count: business events the bridge reports as meters. Tagged by connection, never
 * by a customer's number or id.
 */
public interface Meters {

  /** A customer not in a connection's allowed customers wrote, and was not forwarded. */
  void customerRefused(ConnectionId connection);

  /**
   * The contact center reported that a customer's message the bridge forwarded failed there ({@code
   * switchboard_messages_total{direction="to_agent", outcome="failed"}}).
   */
  void forwardFailed(ConnectionId connection);
}
