package dev.switchboard.application.usecase;

import dev.switchboard.application.connection.Connection;
import dev.switchboard.application.connection.Connections;
import dev.switchboard.application.fakes.InMemoryContactDirectory;
import dev.switchboard.application.fakes.InMemoryConversations;
import dev.switchboard.application.fakes.InMemoryCustomerLinks;
import dev.switchboard.application.fakes.InMemoryDeadLetters;
import dev.switchboard.application.fakes.InMemoryDeliveries;
import dev.switchboard.application.fakes.InMemoryForwardedMessages;
import dev.switchboard.application.fakes.InMemoryObserver;
import dev.switchboard.application.fakes.InMemoryOutbox;
import dev.switchboard.application.fakes.InMemoryProcessedMessages;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.fakes.RecordingMessagingChannel;
import dev.switchboard.application.fakes.TestConnections;
import dev.switchboard.application.fakes.TestUseCases;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.customer.ReplyRoute;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import java.time.Instant;
import java.util.List;

/**
 * The use cases over in-memory ports, on connections of the test's choosing, with the messages the
 * use-case tests exchange.
 */
final class Core {

  static final CustomerId ALICE = CustomerId.phone("+16505551234");
  static final CustomerId BOB = CustomerId.phone("+16505559876");
  static final ConnectionId DEFAULT = ConnectionId.DEFAULT;
  static final ConnectionId SALES = new ConnectionId("sales");
  static final ReplyRoute ROUTE = new ReplyRoute("106540352242922");

  final MutableClock clock = MutableClock.atDefaultStart();
  final Instant t0 = clock.instant();
  final InMemoryOutbox outbox = new InMemoryOutbox(clock);
  final InMemoryConversations conversations = new InMemoryConversations();
  final InMemoryDeliveries deliveries = new InMemoryDeliveries(clock);
  final InMemoryContactDirectory contacts = new InMemoryContactDirectory();
  final InMemoryProcessedMessages processed = new InMemoryProcessedMessages(clock);
  final InMemoryObserver meters = new InMemoryObserver();
  final InMemoryCustomerLinks links = new InMemoryCustomerLinks();
  final InMemoryForwardedMessages kept = new InMemoryForwardedMessages(clock);
  final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters(clock);
  final ChannelEvents events;

  /** The use cases on these connections, all served by {@code channel}. */
  Core(RecordingMessagingChannel channel, Connection... connections) {
    this(TestConnections.of(channel, connections));
  }

  /** The use cases on these connections. */
  Core(Connections connections) {
    events =
        TestUseCases.channelEvents(
            connections,
            outbox,
            conversations,
            deliveries,
            contacts,
            processed,
            meters,
            links,
            kept,
            deadLetters,
            clock);
  }

  /** The default connection on a WhatsApp-like channel, everyone admitted. */
  static Core whatsApp() {
    RecordingMessagingChannel channel = new RecordingMessagingChannel();
    return new Core(channel, new Connection(DEFAULT, channel.channel()));
  }

  /** The default connection on a Telegram-like channel, everyone admitted. */
  static Core telegram() {
    RecordingMessagingChannel channel = RecordingMessagingChannel.telegramLike();
    return new Core(channel, new Connection(DEFAULT, channel.channel()));
  }

  static ConversationKey key(ConnectionId connection, CustomerId customer) {
    return new ConversationKey(connection, customer);
  }

  static InboundMessage text(Customer from, String id, Instant at, String body) {
    return new InboundMessage(id, from, ROUTE, at, new InboundContent.Text(body));
  }

  static ChannelEvent.CustomerMessage customerWrote(
      ConnectionId on, CustomerId from, String id, Instant at, String body) {
    return new ChannelEvent.CustomerMessage(on, text(new Customer(from, "Alice"), id, at, body));
  }

  static ChannelEvent.AgentMessage agentSent(
      ConnectionId on, CustomerId to, String id, Instant at, OutboundContent content) {
    return new ChannelEvent.AgentMessage(on, new OutboundMessage(id, to, content), at);
  }

  static ChannelEvent.AgentMessage agentWrote(
      ConnectionId on, CustomerId to, String id, Instant at, String body) {
    return agentSent(on, to, id, at, new OutboundContent.Text(body));
  }

  void apply(ChannelEvent... applied) {
    for (ChannelEvent event : applied) {
      events.apply(event);
    }
  }

  List<OutboxItem.SendToCustomer> sends() {
    return outbox.items(OutboxItem.SendToCustomer.class);
  }

  List<OutboxItem.ReportToContactCenter> reports() {
    return outbox.items(OutboxItem.ReportToContactCenter.class);
  }

  List<DeliveryReceipt> receipts() {
    return reports().stream().map(OutboxItem.ReportToContactCenter::receipt).toList();
  }

  List<InboundMessage> forwarded() {
    return outbox.items(OutboxItem.ForwardToContactCenter.class).stream()
        .map(OutboxItem.ForwardToContactCenter::message)
        .toList();
  }
}
