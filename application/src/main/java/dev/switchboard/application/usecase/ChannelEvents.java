package dev.switchboard.application.usecase;

import dev.switchboard.application.connection.Connections;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.port.out.PipelineObserver;
import java.time.Instant;
import java.util.Objects;

/**
 * Hands each decoded event to the use case it is about, on its connection: a customer's message to
 * {@link ForwardCustomerMessage}, an agent's to {@link SendAgentMessage}, a channel's report to
 * {@link RecordDeliveryStatus}, an agent typing to {@link ShowAgentTyping}, the contact center's
 * report on a forwarded message to {@link RecordForwardReport}. The drivers (processing the inbox,
 * or a shard's queue) call it inside their transactions.
 */
public final class ChannelEvents {

  private final Connections connections;
  private final ForwardCustomerMessage customerMessages;
  private final SendAgentMessage agentMessages;
  private final RecordDeliveryStatus statuses;
  private final ShowAgentTyping typing;
  private final RecordForwardReport forwardReports;
  private final PipelineObserver observer;

  public ChannelEvents(
      Connections connections,
      ForwardCustomerMessage customerMessages,
      SendAgentMessage agentMessages,
      RecordDeliveryStatus statuses,
      ShowAgentTyping typing,
      RecordForwardReport forwardReports,
      PipelineObserver observer) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.customerMessages = Objects.requireNonNull(customerMessages, "customerMessages");
    this.agentMessages = Objects.requireNonNull(agentMessages, "agentMessages");
    this.statuses = Objects.requireNonNull(statuses, "statuses");
    this.typing = Objects.requireNonNull(typing, "typing");
    this.forwardReports = Objects.requireNonNull(forwardReports, "forwardReports");
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  /**
   * Applies {@code event}; part of the caller's transaction.
   *
   * @throws IllegalStateException when no connection of the event's name is configured (it was
   *     removed while work for it waited): the event fails like any that cannot be applied, and its
   *     webhook ends in the dead letters, replayable once the connection is back
   */
  public void apply(ChannelEvent event) {
    apply(event, null);
  }

  /**
   * Applies {@code event}, whose webhook was accepted at {@code acceptedAt} ({@code null} when not
   * known); part of the caller's transaction.
   */
  public void apply(ChannelEvent event, Instant acceptedAt) {
    try (PipelineObserver.Work work = observer.working(event.connection(), messageId(event))) {
      applyOn(event, acceptedAt);
    }
  }

  private void applyOn(ChannelEvent event, Instant acceptedAt) {
    Connections.Connected on =
        connections
            .find(event.connection())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no connection named " + event.connection() + " is configured"));
    if (event instanceof ChannelEvent.CustomerMessage message) {
      customerMessages.forward(on, message, acceptedAt);
    } else if (event instanceof ChannelEvent.StatusReported status) {
      statuses.record(on, status);
    } else if (event instanceof ChannelEvent.AgentMessage message) {
      agentMessages.send(on, message, acceptedAt);
    } else if (event instanceof ChannelEvent.AgentTyping agentTyping) {
      typing.show(on, agentTyping);
    } else if (event instanceof ChannelEvent.ForwardReported report) {
      forwardReports.record(on, report);
    } else {
      throw new IllegalStateException("unhandled event " + event.getClass().getSimpleName());
    }
  }

  /** The id of the message the event is about; {@code null} when it is about none. */
  private static String messageId(ChannelEvent event) {
    if (event instanceof ChannelEvent.CustomerMessage message) {
      return message.message().channelMessageId();
    }
    if (event instanceof ChannelEvent.StatusReported status) {
      return status.report().channelMessageId();
    }
    if (event instanceof ChannelEvent.AgentMessage message) {
      return message.message().contactCenterMessageId();
    }
    if (event instanceof ChannelEvent.ForwardReported report) {
      return report.messageIds().get(0);
    }
    return null;
  }
}
