package dev.switchboard.adapters.rabbitmq;

import dev.switchboard.adapters.persistence.OutboxCodec;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.port.out.EventQueue;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The shard queues of the RabbitMQ mode: the events of one {@link #publish} are grouped by their
 * customer's shard ({@link RabbitMqTopology#shardOf}), and each shard's share, in the given order,
 * is published as one persistent message (a JSON array, through the {@link OutboxCodec}); {@link
 * #publish} returns once the broker confirmed them all. Each shard thus receives its events in the
 * order given, with one message, one confirm and one delivery for many events.
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
  public void publish(List<ChannelEvent> events, List<Instant> acceptedAt) {
    Objects.requireNonNull(events, "events");
    if (events.isEmpty()) {
      return;
    }
    // every group is written before the first is published: one that cannot be written stops all
    Map<Integer, List<ChannelEvent>> byShard = new LinkedHashMap<>();
    Map<Integer, List<Instant>> acceptedByShard = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      ChannelEvent event = events.get(i);
      int shard = topology.shardOf(event.key());
      byShard.computeIfAbsent(shard, s -> new ArrayList<>()).add(event);
      acceptedByShard
          .computeIfAbsent(shard, s -> new ArrayList<>())
          .add(acceptedAt == null ? null : acceptedAt.get(i));
    }
    Map<Integer, byte[]> bodies = new LinkedHashMap<>();
    byShard.forEach(
        (shard, group) ->
            bodies.put(shard, codec.writeEvents(group).getBytes(StandardCharsets.UTF_8)));
    Instant now = Instant.now();
    connections.publish(
        channel -> {
          for (Map.Entry<Integer, byte[]> group : bodies.entrySet()) {
            channel.basicPublish(
                "",
                topology.shard(group.getKey()),
                true,
                Messages.events(
                    byShard.get(group.getKey()).size(), acceptedByShard.get(group.getKey()), now),
                group.getValue());
          }
          return null;
        });
  }

  @Override
  public String toString() {
    return "RabbitMqEventQueue[" + topology.shards() + " shards]";
  }
}
