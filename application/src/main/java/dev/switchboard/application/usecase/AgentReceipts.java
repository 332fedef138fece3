package dev.switchboard.application.usecase;

import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.pipeline.Traced;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.application.port.out.PipelineObserver;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.message.OutboundMessage;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** Queues delivery receipts for the agent, in the conversation's lane to the contact center. */
public final class AgentReceipts {

  private final Outbox outbox;
  private final Clock clock;
  private final PipelineObserver observer;

  public AgentReceipts(Outbox outbox, Clock clock) {
    this(outbox, clock, PipelineObserver.NONE);
  }

  /**
   * @param observer told of each agent's message that fails ({@link #fail}) or expires here
   */
  public AgentReceipts(Outbox outbox, Clock clock, PipelineObserver observer) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  /** Queues {@code receipt} for the contact center, through the connection's integration. */
  public void report(ConnectionId connection, DeliveryReceipt receipt) {
    outbox.enqueue(
        Lanes.toContactCenter(new ConversationKey(connection, receipt.customer())),
        new OutboxItem.ReportToContactCenter(connection, receipt));
  }

  /** Tells the agent, as of now, that {@code message} will not reach the customer. */
  public void refuse(ConnectionId connection, OutboundMessage message, DeliveryFailure failure) {
    receipt(connection, message, failure);
  }

  /**
   * The bridge will not send an agent's message (the channel's policy rejects it, or its
   * re-engagement failed): the observer hears it failed, and the agent gets a Failed receipt saying
   * why; part of the caller's transaction.
   */
  public void fail(ConnectionId connection, OutboundMessage message, DeliveryFailure failure) {
    observer.failed(traced(connection, message), failure.reason().name());
    receipt(connection, message, failure);
  }

  /**
   * A message held for the customer's reply expired: the agent gets a Failed receipt saying why;
   * part of the caller's transaction.
   */
  public void expire(ConnectionId connection, OutboundMessage message, DeliveryFailure failure) {
    observer.expired(traced(connection, message));
    receipt(connection, message, failure);
  }

  private static Traced traced(ConnectionId connection, OutboundMessage message) {
    return new Traced(
        message.contactCenterMessageId(),
        connection,
        Traced.Direction.TO_CUSTOMER,
        message.recipient());
  }

  private void receipt(ConnectionId connection, OutboundMessage message, DeliveryFailure failure) {
    report(
        connection,
        DeliveryReceipt.failed(
            message.contactCenterMessageId(),
            message.recipient(),
            List.of(failure),
            clock.instant()));
  }
}
