package dev.switchboard.adapters.rabbitmq;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.ConversationKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * The queues and exchange the bridge uses, all durable classic queues (a rejected or requeued
 * message goes back to its place, which keeps the order): {@code <prefix>ingest} for accepted
 * webhooks and {@code <prefix>shard.<n>} for decoded events, each with a single active consumer
 * among all instances and dead-lettering to the fanout exchange {@code <prefix>dead-letter}, bound
 * to the queue {@code <prefix>dead-letters}.
 */
final class RabbitMqTopology {

  private final String prefix;
  private final int shards;

  RabbitMqTopology(String prefix, int shards) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    if (shards < 1) {
      throw new IllegalArgumentException("at least one shard");
    }
    this.shards = shards;
  }

  String ingest() {
    return prefix + "ingest";
  }

  String shard(int index) {
    return prefix + "shard." + index;
  }

  int shards() {
    return shards;
  }

  String deadLetters() {
    return prefix + "dead-letters";
  }

  String deadLetterExchange() {
    return prefix + "dead-letter";
  }

  /** The ingest queue, then the shard queues in order. */
  List<String> workQueues() {
    List<String> queues = new ArrayList<>();
    queues.add(ingest());
    for (int i = 0; i < shards; i++) {
      queues.add(shard(i));
    }
    return queues;
  }

  /**
   * The shard of a conversation's events: the CRC-32 of its key modulo the number of shards, the
   * same in every instance and every release. The key of a conversation on the {@code default}
   * connection is the customer's id alone, as before there were connections, so that events queued
   * by an earlier release and events of the same customer queued after an upgrade share a shard.
   */
  int shardOf(ConversationKey key) {
    String hashed =
        key.connection().equals(ConnectionId.DEFAULT) ? key.customer().value() : key.value();
    CRC32 crc = new CRC32();
    crc.update(hashed.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % shards);
  }

  /** Declares everything (again); declaring what exists with the same arguments changes nothing. */
  void declare(Channel channel) throws IOException {
    channel.exchangeDeclare(deadLetterExchange(), BuiltinExchangeType.FANOUT, true);
    channel.queueDeclare(deadLetters(), true, false, false, Map.of("x-queue-type", "classic"));
    channel.queueBind(deadLetters(), deadLetterExchange(), "");
    Map<String, Object> work =
        Map.of(
            "x-queue-type",
            "classic",
            "x-single-active-consumer",
            true,
            "x-dead-letter-exchange",
            deadLetterExchange());
    for (String queue : workQueues()) {
      channel.queueDeclare(queue, true, false, false, work);
    }
  }
}
