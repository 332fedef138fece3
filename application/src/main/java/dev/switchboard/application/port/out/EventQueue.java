package dev.switchboard.application.port.out;

import dev.switchboard.application.pipeline.ChannelEvent;
import java.time.Instant;
import java.util.List;

/**
 * Durable queues of decoded events, sharded by customer, for deployments of several instances: each
 * customer's events land in one shard, in order, and each shard is consumed by one instance at a
 * time.
 */
public interface EventQueue {

  /**
   * Publishes events, each to its customer's shard, in the given order; returns only once every one
   * is durably stored (broker confirms).
   *
   * @throws RuntimeException when they could not all be stored
   */
  default void publish(List<ChannelEvent> events) {
    publish(events, null);
  }

  /**
   * Publishes events as {@link #publish(List)} does, each with the time its webhook was accepted.
   *
   * @param acceptedAt one per event, in order (an element may be {@code null}); {@code null} when
   *     none is known
   */
  void publish(List<ChannelEvent> events, List<Instant> acceptedAt);
}
