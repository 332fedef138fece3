package dev.switchboard.adapters.persistence.rabbitmq;

import dev.switchboard.adapters.persistence.OutboxCodec;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.port.out.EventQueue;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The shard queues of the RabbitMQ mode: each event is published, persistent and as JSON (through
 * the {@link OutboxCodec}), to its customer's shard ({@link RabbitMqTopology#shardOf}), and {@link
 * #publish} returns once the broker confirmed them all. The events of one call are published on one
 * channel in the given order, so each shard receives its share of them in that order.
 */
@Singleton
@Requires(property = RabbitMqSettings.QUEUE_PROPERTY, value = RabbitMqSettings.RABBITMQ)
public final class RabbitMqEventQueue implements EventQueue {

  private final RabbitMqConnections connections;
  private final RabbitMqTopology topology;
  private final OutboxCodec codec;

  public RabbitMqEventQueue(RabbitMqConnections connections, OutboxCodec codec) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.topology = connections.topology();
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  @Override
  public void publish(List<ChannelEvent> events) {
    Objects.requireNonNull(events, "events");
    if (events.isEmpty()) {
      return;
    }
    // every event is written before the first is published: one that cannot be written stops all
    List<byte[]> bodies = new ArrayList<>(events.size());
    for (ChannelEvent event : events) {
      bodies.add(codec.write(event).getBytes(StandardCharsets.UTF_8));
    }
    Instant now = Instant.now();
    connections.publish(
        channel -> {
          for (int i = 0; i < events.size(); i++) {
            ChannelEvent event = events.get(i);
            channel.basicPublish(
                "",
                topology.shard(topology.shardOf(event.customer())),
                true,
                Messages.event(event, now),
                bodies.get(i));
          }
          return null;
        });
  }

  @Override
  public String toString() {
    return "RabbitMqEventQueue[" + topology.shards() + " shards]";
  }
}
