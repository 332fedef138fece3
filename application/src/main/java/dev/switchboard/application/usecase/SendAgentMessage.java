package dev.switchboard.application.usecase;

import dev.switchboard.application.connection.Connections;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.MessageKeys;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.port.out.Conversations;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.application.port.out.ProcessedMessages;
import dev.switchboard.domain.channel.SendParts;
import dev.switchboard.domain.conversation.Conversation;
import dev.switchboard.domain.conversation.SendDecision;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An agent sent a message to a customer on a connection: once (redeliveries have no second effect),
 * it is queued in the sends that carry it within the channel's limits, in order, when the channel's
 * send policy allows it now; otherwise the agent gets a Failed receipt saying why (the service
 * window is closed, the channel has no templates, the message is empty). Runs inside the caller's
 * transaction.
 */
public final class SendAgentMessage {

  private final Outbox outbox;
  private final Conversations conversations;
  private final ProcessedMessages processed;
  private final AgentReceipts receipts;
  private final Clock clock;

  public SendAgentMessage(
      Outbox outbox,
      Conversations conversations,
      ProcessedMessages processed,
      AgentReceipts receipts,
      Clock clock) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.processed = Objects.requireNonNull(processed, "processed");
    this.receipts = Objects.requireNonNull(receipts, "receipts");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * What the agent is told when the customer service window of {@code length} is closed: for
   * WhatsApp's, "The 24-hour customer service window is closed: ...".
   */
  public static DeliveryFailure windowClosed(Duration length) {
    String span =
        length.toMinutes() % 60 == 0 ? length.toHours() + "-hour" : length.toMinutes() + "-minute";
    return new DeliveryFailure(
        FailureReason.MESSAGE_EXPIRED,
        "The "
            + span
            + " customer service window is closed: only a template message can be sent until the"
            + " customer writes again.");
  }

  /** Queues the agent's message, or the receipt that says why it cannot go. */
  public void send(Connections.Connected on, ChannelEvent.AgentMessage event) {
    OutboundMessage message = event.message();
    if (!processed.firstTime(MessageKeys.agentMessage(on.id(), message.contactCenterMessageId()))) {
      return;
    }
    Conversation conversation = conversations.lock(event.key());
    SendDecision decision = conversation.decide(message.content(), clock.instant(), on.policy());
    if (decision instanceof SendDecision.SendFreeForm
        || decision instanceof SendDecision.SendTemplate) {
      queue(on, message, conversation);
    } else if (decision instanceof SendDecision.TemplateRequired) {
      receipts.refuse(on.id(), message, windowClosed(on.capabilities().serviceWindow()));
    } else if (decision instanceof SendDecision.Rejected rejected) {
      receipts.refuse(on.id(), message, rejected.failure());
    } else {
      throw new IllegalStateException("unhandled decision " + decision);
    }
  }

  /** Queues the sends that carry the message within the channel's limits, in order. */
  private void queue(Connections.Connected on, OutboundMessage message, Conversation conversation) {
    List<OutboundContent> parts = SendParts.of(message.content(), on.capabilities());
    String lane = Lanes.toCustomer(conversation.key());
    for (int i = 0; i < parts.size(); i++) {
      OutboundMessage part =
          new OutboundMessage(message.contactCenterMessageId(), message.recipient(), parts.get(i));
      outbox.enqueue(
          lane,
          new OutboxItem.SendToCustomer(
              on.id(), part, conversation.route().orElse(null), i == parts.size() - 1));
    }
  }
}
