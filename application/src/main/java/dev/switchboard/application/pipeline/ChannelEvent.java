package dev.switchboard.application.pipeline;

import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.delivery.StatusReport;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.OutboundMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One thing a webhook says, decoded from its wire format, on the connection it concerns. */
public sealed interface ChannelEvent
    permits ChannelEvent.CustomerMessage,
        ChannelEvent.StatusReported,
        ChannelEvent.AgentMessage,
        ChannelEvent.AgentTyping,
        ChannelEvent.ForwardReported {

  /** The connection the event happened on. */
  ConnectionId connection();

  /** When it happened by the sender's clock; events of one webhook are handled in this order. */
  Instant occurredAt();

  /** The customer it concerns. */
  CustomerId customer();

  /**
   * The conversation it belongs to: one conversation's events are handled one at a time, in order.
   */
  default ConversationKey key() {
    return new ConversationKey(connection(), customer());
  }

  /**
   * A customer wrote.
   *
   * @param acknowledgement what the channel wants to be told once the message is taken (such as the
   *     id of a tap to answer); {@code null} when nothing
   * @param otherIds the other ids the channel knows this customer by in this message (a WhatsApp
   *     user id beside the phone number the message comes from, the new number of a customer who
   *     changed it), so that all of them stay one participant of the contact center; never the
   *     sender's own id, empty when none
   */
  record CustomerMessage(
      ConnectionId connection,
      InboundMessage message,
      String acknowledgement,
      List<CustomerId> otherIds)
      implements ChannelEvent {
    public CustomerMessage {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(message, "message");
      CustomerId sender = message.sender().id();
      otherIds =
          otherIds == null
              ? List.of()
              : otherIds.stream()
                  .filter(Objects::nonNull)
                  .filter(id -> !id.equals(sender))
                  .distinct()
                  .toList();
    }

    /** A message whose customer the channel knows by one id only. */
    public CustomerMessage(
        ConnectionId connection, InboundMessage message, String acknowledgement) {
      this(connection, message, acknowledgement, List.of());
    }

    /** A message the channel wants no acknowledgement of. */
    public CustomerMessage(ConnectionId connection, InboundMessage message) {
      this(connection, message, null);
    }

    /** The same message from the customer known by {@code id}, who is also known by the others. */
    public CustomerMessage from(CustomerId id) {
      Customer sender = message.sender();
      List<CustomerId> others = new ArrayList<>(otherIds);
      others.add(sender.id());
      return new CustomerMessage(
          connection,
          message.from(new Customer(id, sender.displayName(), sender.handle())),
          acknowledgement,
          others);
    }

    /** Every id the channel knows this customer by in this message, the sender's first. */
    public List<CustomerId> ids() {
      List<CustomerId> ids = new ArrayList<>(otherIds.size() + 1);
      ids.add(message.sender().id());
      ids.addAll(otherIds);
      return ids;
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
  record StatusReported(ConnectionId connection, StatusReport report) implements ChannelEvent {
    public StatusReported {
      Objects.requireNonNull(connection, "connection");
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
  record AgentMessage(ConnectionId connection, OutboundMessage message, Instant occurredAt)
      implements ChannelEvent {
    public AgentMessage {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(occurredAt, "occurredAt");
    }

    @Override
    public CustomerId customer() {
      return message.recipient();
    }
  }

  /** An agent started typing an answer to the customer. */
  record AgentTyping(ConnectionId connection, CustomerId customer, Instant occurredAt)
      implements ChannelEvent {
    public AgentTyping {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(customer, "customer");
      Objects.requireNonNull(occurredAt, "occurredAt");
    }
  }

  /**
   * The contact center reported on a customer's message the bridge forwarded to it: delivered, or
   * failed (Genesys: a {@code Receipt} of an inbound message).
   *
   * @param customer the customer the message came from, as the report names them (the conversation
   *     the report is handled in)
   * @param messageIds the ids the report names the message by, the one the bridge forwarded it
   *     under first (the wamid or Telegram key), then the contact center's own; never empty
   * @param failure why the contact center could not take it; {@code null} when it was delivered
   */
  record ForwardReported(
      ConnectionId connection,
      CustomerId customer,
      List<String> messageIds,
      Failure failure,
      Instant occurredAt)
      implements ChannelEvent {
    public ForwardReported {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(customer, "customer");
      Objects.requireNonNull(occurredAt, "occurredAt");
      messageIds =
          Objects.requireNonNull(messageIds, "messageIds").stream()
              .filter(id -> id != null && !id.isBlank())
              .distinct()
              .toList();
      if (messageIds.isEmpty()) {
        throw new IllegalArgumentException("a report names the message it is about");
      }
    }

    /** Whether the contact center reports that it could not take the message. */
    public boolean failed() {
      return failure != null;
    }

    /**
     * Why the contact center could not take a message.
     *
     * @param code its reason code, such as Genesys' {@code DataFiltered}
     * @param description its description; may be empty
     */
    public record Failure(String code, String description) {
      public Failure {
        code = code == null || code.isBlank() ? "unknown" : code.strip();
        description = description == null ? "" : description.strip();
      }
    }
  }
}
