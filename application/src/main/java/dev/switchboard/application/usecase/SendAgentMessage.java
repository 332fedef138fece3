package dev.switchboard.application.usecase;

import dev.switchboard.application.connection.Connections;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.MessageKeys;
import dev.switchboard.application.pipeline.Traced;
import dev.switchboard.application.port.out.Conversations;
import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.application.port.out.PipelineObserver;
import dev.switchboard.application.port.out.ProcessedMessages;
import dev.switchboard.domain.conversation.Conversation;
import dev.switchboard.domain.conversation.Reengagement;
import dev.switchboard.domain.conversation.SendDecision;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.OutboundMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An agent sent a message to a customer on a connection: once (redeliveries have no second effect),
 * it is queued in the sends that carry it within the channel's limits, in order, when the channel's
 * send policy allows it now. When the service window is closed and the connection re-engages
 * customers, it is held until the customer writes again ({@link ReengageCustomer}); otherwise the
 * agent gets a Failed receipt saying why (the window is closed, the channel has no templates, the
 * message cannot be carried whole). Runs inside the caller's transaction.
 */
public final class SendAgentMessage {

  private final Conversations conversations;
  private final ProcessedMessages processed;
  private final AgentReceipts receipts;
  private final AgentSends sends;
  private final ReengageCustomer reengage;
  private final Clock clock;
  private final PipelineObserver observer;

  public SendAgentMessage(
      Outbox outbox,
      Conversations conversations,
      Deliveries deliveries,
      ProcessedMessages processed,
      AgentReceipts receipts,
      ReengageCustomer reengage,
      Clock clock,
      PipelineObserver observer) {
    this.observer = Objects.requireNonNull(observer, "observer");
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.processed = Objects.requireNonNull(processed, "processed");
    this.receipts = Objects.requireNonNull(receipts, "receipts");
    this.sends = new AgentSends(outbox, conversations, deliveries, observer);
    this.reengage = Objects.requireNonNull(reengage, "reengage");
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

  /** Queues the agent's message, holds it, or queues the receipt that says why it cannot go. */
  public void send(Connections.Connected on, ChannelEvent.AgentMessage event) {
    send(on, event, null);
  }

  /**
   * As {@link #send(Connections.Connected, ChannelEvent.AgentMessage)}, for a message whose webhook
   * was accepted at {@code acceptedAt} ({@code null} when not known).
   */
  public void send(Connections.Connected on, ChannelEvent.AgentMessage event, Instant acceptedAt) {
    OutboundMessage message = event.message();
    if (!processed.firstTime(MessageKeys.agentMessage(on.id(), message.contactCenterMessageId()))) {
      return;
    }
    observer.processed(
        new Traced(
            message.contactCenterMessageId(),
            on.id(),
            Traced.Direction.TO_CUSTOMER,
            message.recipient()),
        acceptedAt);
    Conversation conversation = conversations.lock(event.key());
    SendDecision decision = conversation.decide(message.content(), clock.instant(), on.policy());
    if (decision instanceof SendDecision.SendFreeForm
        || decision instanceof SendDecision.SendTemplate) {
      sends.queue(on, message, conversation, acceptedAt);
    } else if (decision instanceof SendDecision.TemplateRequired) {
      Optional<Reengagement> reengagement = on.reengagement();
      if (reengagement.isPresent()) {
        reengage.hold(on, reengagement.get(), message, conversation);
      } else {
        receipts.fail(on.id(), message, windowClosed(on.capabilities().serviceWindow()));
      }
    } else if (decision instanceof SendDecision.Rejected rejected) {
      receipts.fail(on.id(), message, rejected.failure());
    } else {
      throw new IllegalStateException("unhandled decision " + decision);
    }
  }
}
