package dev.switchboard.application.pipeline;

import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.delivery.StatusReport;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.OutboundMessage;
import java.time.Instant;
import java.util.Objects;

/** One thing a webhook says, decoded from its wire format. */
public sealed interface ChannelEvent
    permits ChannelEvent.CustomerMessage,
        ChannelEvent.StatusReported,
        ChannelEvent.AgentMessage,
        ChannelEvent.AgentTyping {

  /** When it happened by the sender's clock; events of one webhook are handled in this order. */
  Instant occurredAt();

  /** The customer it concerns: one customer's events are handled one at a time, in order. */
  CustomerId customer();

  /** A customer wrote. */
  record CustomerMessage(InboundMessage message) implements ChannelEvent {
    public CustomerMessage {
      Objects.requireNonNull(message, "message");
    }

    @Override
    public Instant occurredAt() {
      return message.sentAt();
    }

    @Override
    public CustomerId customer() {
      return message.sender().id();
    }
  }

  /** The channel reported on a message sent to a customer. */
  record StatusReported(StatusReport report) implements ChannelEvent {
    public StatusReported {
      Objects.requireNonNull(report, "report");
    }

    @Override
    public Instant occurredAt() {
      return report.at();
    }

    @Override
    public CustomerId customer() {
      return report.recipient();
    }
  }

  /** An agent (or bot) of the contact center sent a message to a customer. */
  record AgentMessage(OutboundMessage message, Instant occurredAt) implements ChannelEvent {
    public AgentMessage {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(occurredAt, "occurredAt");
    }

    @Override
    public CustomerId customer() {
      return message.recipient();
    }
  }

  /** An agent started typing an answer to the customer. */
  record AgentTyping(CustomerId customer, Instant occurredAt) implements ChannelEvent {
    public AgentTyping {
      Objects.requireNonNull(customer, "customer");
      Objects.requireNonNull(occurredAt, "occurredAt");
    }
  }
}
