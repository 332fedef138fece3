package dev.switchboard.bootstrap;

import dev.switchboard.adapters.rabbitmq.RabbitMqConnections;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Readiness in {@code rabbitmq} mode: the publishing connection to the broker is open (opened now
 * if need be) and the broker does not block publishers. Never shows {@code rabbitmq.uri}. Made by
 * {@link QueueModeFactory}.
 */
class BrokerReadiness extends ReadinessCheck {

  private final RabbitMqConnections connections;

  BrokerReadiness(RabbitMqConnections connections, ExecutorService executor) {
    super("broker", executor);
    this.connections = connections;
  }

  @Override
  Result check() {
    return connections.checkPublishing()
        ? Result.up(Map.of())
        : Result.down("RabbitMQ cannot be reached or blocks publishers");
  }
}
