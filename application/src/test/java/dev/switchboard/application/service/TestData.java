package dev.switchboard.application.service;

import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.domain.customer.CustomerId;
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

/** Messages and events for the service tests. */
final class TestData {

  static final CustomerId ALICE = CustomerId.phone("16505551234");
  static final CustomerId BOB = CustomerId.phone("16505559876");
  static final String BUSINESS_NUMBER = "106540352242922";

  private TestData() {}

  static InboundMessage inbound(CustomerId from, String wamid, Instant sentAt, String text) {
    return inbound(from, "Alice", wamid, sentAt, text);
  }

  static InboundMessage inbound(
      CustomerId from, String name, String wamid, Instant sentAt, String text) {
    return new InboundMessage(
        wamid, new Customer(from, name), BUSINESS_NUMBER, sentAt, new InboundContent.Text(text));
  }

  static ChannelEvent.CustomerMessage customerWrote(
      CustomerId from, String wamid, Instant sentAt, String text) {
    return new ChannelEvent.CustomerMessage(inbound(from, wamid, sentAt, text));
  }

  static OutboundMessage outbound(CustomerId to, String genesysId, String text) {
    return new OutboundMessage(genesysId, to, new OutboundContent.Text(text));
  }

  static ChannelEvent.AgentMessage agentWrote(
      CustomerId to, String genesysId, Instant at, String text) {
    return new ChannelEvent.AgentMessage(outbound(to, genesysId, text), at);
  }

  static StatusReport status(
      CustomerId to, String wamid, DeliveryStatus status, Instant at, DeliveryFailure... why) {
    return new StatusReport(wamid, to, status, at, List.of(why));
  }

  static ChannelEvent.StatusReported statusReported(
      CustomerId to, String wamid, DeliveryStatus status, Instant at, DeliveryFailure... why) {
    return new ChannelEvent.StatusReported(status(to, wamid, status, at, why));
  }
}
