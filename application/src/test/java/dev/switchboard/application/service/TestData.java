package dev.switchboard.application.service;

import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.customer.ReplyRoute;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.StatusReport;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import java.time.Instant;
import java.util.List;

/** Messages and events for the service tests, on the default connection unless one is named. */
final class TestData {

  static final CustomerId ALICE = CustomerId.phone("16505551234");
  static final CustomerId BOB = CustomerId.phone("16505559876");
  static final String BUSINESS_NUMBER = "106540352242922";

  /** The route WhatsApp gives: the business number the customer wrote to. */
  static final ReplyRoute ROUTE = new ReplyRoute(BUSINESS_NUMBER);

  static final ConnectionId DEFAULT = ConnectionId.DEFAULT;

  /** WhatsApp's webhooks name no connection in their address. */
  static final WebhookSource WHATSAPP = WebhookSource.of("whatsapp");

  /** Genesys's webhooks name their connection in their address. */
  static final WebhookSource GENESYS = WebhookSource.of("genesys", DEFAULT);

  private TestData() {}

  /** The conversation with {@code customer} on the default connection. */
  static ConversationKey key(CustomerId customer) {
    return new ConversationKey(DEFAULT, customer);
  }

  static InboundMessage inbound(CustomerId from, String wamid, Instant sentAt, String text) {
    return inbound(from, "Alice", wamid, sentAt, text);
  }

  static InboundMessage inbound(
      CustomerId from, String name, String wamid, Instant sentAt, String text) {
    return new InboundMessage(
        wamid, new Customer(from, name), ROUTE, sentAt, new InboundContent.Text(text));
  }

  static ChannelEvent.CustomerMessage customerWrote(
      CustomerId from, String wamid, Instant sentAt, String text) {
    return customerWrote(DEFAULT, from, wamid, sentAt, text);
  }

  static ChannelEvent.CustomerMessage customerWrote(
      ConnectionId on, CustomerId from, String wamid, Instant sentAt, String text) {
    return new ChannelEvent.CustomerMessage(on, inbound(from, wamid, sentAt, text));
  }

  static OutboundMessage outbound(CustomerId to, String genesysId, String text) {
    return new OutboundMessage(genesysId, to, new OutboundContent.Text(text));
  }

  static ChannelEvent.AgentMessage agentWrote(
      CustomerId to, String genesysId, Instant at, String text) {
    return agentWrote(DEFAULT, to, genesysId, at, text);
  }

  static ChannelEvent.AgentMessage agentWrote(
      ConnectionId on, CustomerId to, String genesysId, Instant at, String text) {
    return new ChannelEvent.AgentMessage(on, outbound(to, genesysId, text), at);
  }

  static StatusReport status(
      CustomerId to, String wamid, DeliveryStatus status, Instant at, DeliveryFailure... why) {
    return new StatusReport(wamid, to, status, at, List.of(why));
  }

  static ChannelEvent.StatusReported statusReported(
      CustomerId to, String wamid, DeliveryStatus status, Instant at, DeliveryFailure... why) {
    return new ChannelEvent.StatusReported(DEFAULT, status(to, wamid, status, at, why));
  }
}
