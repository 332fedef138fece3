package dev.switchboard.adapters.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.GetResponse;
import dev.switchboard.adapters.persistence.OutboxCodec;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The RabbitMQ event queue against the real broker. */
class RabbitMqEventQueueTest {

  private static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");

  private final OutboxCodec codec = new OutboxCodec();
  private TestBroker broker;
  private RabbitMqEventQueue queue;
  private RabbitMqTopology topology;

  @BeforeEach
  void start() throws Exception {
    broker = new TestBroker();
    queue = new RabbitMqEventQueue(broker.connections(broker.settings(8), "events-test"), codec);
    topology = broker.topology();
  }

  @AfterEach
  void stop() throws Exception {
    broker.close();
  }

  @Test
  void each_publish_sends_each_shard_its_events_as_one_message_in_the_order_given()
      throws Exception {
    List<CustomerId> customers =
        List.of(
            CustomerId.phone("16505551234"),
            CustomerId.phone("447700900123"),
            CustomerId.opaque("US.13491208655302741918"),
            CustomerId.phone("5511987654321"));
    Map<CustomerId, List<ChannelEvent>> expected = new LinkedHashMap<>();
    for (int round = 0; round < 5; round++) {
      List<ChannelEvent> batch = new ArrayList<>();
      for (CustomerId customer : customers) {
        ChannelEvent event =
            round % 2 == 0
                ? customerWrote(customer, "m" + round, AT.plusSeconds(round))
                : new ChannelEvent.AgentMessage(
                    ConnectionId.DEFAULT,
                    new OutboundMessage(
                        "gen-" + round, customer, new OutboundContent.Text("a" + round)),
                    AT.plusSeconds(round));
        batch.add(event);
        expected.computeIfAbsent(customer, c -> new ArrayList<>()).add(event);
      }
      queue.publish(batch);
    }

    Map<CustomerId, List<ChannelEvent>> received = new LinkedHashMap<>();
    Set<Integer> usedShards = new HashSet<>();
    int messages = 0;
    for (int shard = 0; shard < topology.shards(); shard++) {
      GetResponse message;
      while ((message = broker.take(topology.shard(shard))) != null) {
        messages++;
        usedShards.add(shard);
        List<ChannelEvent> events = codec.readEvents(TestBroker.text(message));
        assertThat(message.getProps().getHeaders().get(Messages.COUNT)).isEqualTo(events.size());
        assertThat(message.getProps().getDeliveryMode()).isEqualTo(2);
        assertThat(message.getProps().getContentType()).isEqualTo(Messages.EVENTS_TYPE);
        for (ChannelEvent event : events) {
          assertThat(topology.shardOf(event.key())).isEqualTo(shard);
          received.computeIfAbsent(event.customer(), c -> new ArrayList<>()).add(event);
        }
      }
    }
    assertThat(received).isEqualTo(expected);
    assertThat(messages).as("one message per shard and publish").isEqualTo(5 * usedShards.size());
  }

  @Test
  void each_event_carries_when_its_webhook_was_accepted_through_the_broker() throws Exception {
    CustomerId one = CustomerId.phone("16505551234");
    List<ChannelEvent> events =
        List.of(
            customerWrote(one, "first", AT),
            customerWrote(one, "second", AT.plusSeconds(1)),
            customerWrote(one, "third", AT.plusSeconds(2)));
    Instant accepted = Instant.parse("2026-03-01T10:15:31.250Z");
    java.util.List<Instant> acceptedAt = new ArrayList<>();
    acceptedAt.add(accepted);
    acceptedAt.add(null);
    acceptedAt.add(accepted.plusMillis(5));

    queue.publish(events, acceptedAt);
    queue.publish(List.of(customerWrote(one, "of an earlier version", AT)));

    GetResponse carried = broker.take(topology.shard(topology.shardOf(events.get(0).key())));
    GetResponse bare = broker.take(topology.shard(topology.shardOf(events.get(0).key())));
    assertThat(Messages.acceptedAt(carried.getProps(), 3))
        .containsExactly(accepted, null, accepted.plusMillis(5));
    assertThat(Messages.acceptedAt(bare.getProps(), 1)).as("no header: not known").hasSize(1);
    assertThat(Messages.acceptedAt(bare.getProps(), 1).get(0)).isNull();
  }

  @Test
  void a_customers_shard_on_the_default_connection_is_the_crc32_of_its_id_and_never_changes() {
    // zlib.crc32(b"+447700900123") % 8 == 6, as any CRC-32 computes it: the previous release's
    // shard of the customer, so that events it queued and later ones share a shard
    assertThat(topology.shardOf(onDefault(CustomerId.phone("16505551234")))).isEqualTo(0);
    assertThat(topology.shardOf(onDefault(CustomerId.phone("447700900123")))).isEqualTo(6);
    assertThat(topology.shardOf(onDefault(CustomerId.opaque("US.13491208655302741918"))))
        .isEqualTo(5);
    assertThat(
            new RabbitMqTopology("other.", 8).shardOf(onDefault(CustomerId.phone("447700900123"))))
        .as("the prefix plays no part")
        .isEqualTo(6);
  }

  @Test
  void on_another_connection_the_shard_is_the_crc32_of_connection_and_customer() {
    // zlib.crc32(b"sales:+447700900123") % 8 == 1, zlib.crc32(b"sales:+16505551234") % 8 == 5
    ConnectionId sales = new ConnectionId("sales");

    assertThat(topology.shardOf(new ConversationKey(sales, CustomerId.phone("447700900123"))))
        .isEqualTo(1);
    assertThat(topology.shardOf(new ConversationKey(sales, CustomerId.phone("16505551234"))))
        .isEqualTo(5);
    assertThat(
            topology.shardOf(
                new ConversationKey(sales, CustomerId.opaque("US.13491208655302741918"))))
        .isEqualTo(2);
  }

  @Test
  void a_customers_events_on_two_connections_go_to_the_shard_of_each() throws Exception {
    CustomerId customer = CustomerId.phone("447700900123");
    ConnectionId sales = new ConnectionId("sales");
    ChannelEvent onDefault = customerWrote(customer, "d1", AT);
    ChannelEvent onSales = customerWrote(sales, customer, "s1", AT);

    queue.publish(List.of(onDefault, onSales));

    assertThat(codec.readEvents(TestBroker.text(broker.take(topology.shard(6)))))
        .containsExactly(onDefault);
    assertThat(codec.readEvents(TestBroker.text(broker.take(topology.shard(1)))))
        .containsExactly(onSales);
  }

  @Test
  void customers_spread_over_every_shard() {
    Set<Integer> used = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      used.add(topology.shardOf(onDefault(CustomerId.phone("1650555" + String.format("%04d", i)))));
    }
    assertThat(used).hasSize(topology.shards());
  }

  @Test
  void nothing_is_published_for_no_events() throws Exception {
    queue.publish(List.of());
    assertThatThrownBy(() -> queue.publish(null)).isInstanceOf(NullPointerException.class);
    queue.publish(
        List.of(new ChannelEvent.AgentTyping(ConnectionId.DEFAULT, CustomerId.opaque("US.1"), AT)));

    long ready = 0;
    for (int shard = 0; shard < topology.shards(); shard++) {
      ready += broker.ready(topology.shard(shard));
    }
    assertThat(ready).isEqualTo(1);
  }

  static ChannelEvent customerWrote(CustomerId customer, String id, Instant at) {
    return customerWrote(ConnectionId.DEFAULT, customer, id, at);
  }

  static ChannelEvent customerWrote(
      ConnectionId connection, CustomerId customer, String id, Instant at) {
    return new ChannelEvent.CustomerMessage(
        connection,
        new InboundMessage(
            id, new Customer(customer, null), null, at, new InboundContent.Text(id)));
  }

  private static ConversationKey onDefault(CustomerId customer) {
    return new ConversationKey(ConnectionId.DEFAULT, customer);
  }
}
