package dev.switchboard.application.usecase;

import dev.switchboard.application.connection.Connections;
import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.pipeline.Traced;
import dev.switchboard.application.port.out.Conversations;
import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.application.port.out.PipelineObserver;
import dev.switchboard.domain.channel.SendParts;
import dev.switchboard.domain.conversation.Conversation;
import dev.switchboard.domain.conversation.NumberedOffer;
import dev.switchboard.domain.delivery.MessageOutcome;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Queues an agent's message that may go now: the sends that carry it within the channel's limits,
 * in order, in the conversation's lane to the customer, and its outcome, followed as a whole (one
 * receipt however many sends). Options the channel cannot offer to tap go as a numbered text, and
 * the conversation remembers them so that the customer's number answers them. Runs inside the
 * caller's transaction, with the conversation locked.
 */
final class AgentSends {

  private final Outbox outbox;
  private final Conversations conversations;
  private final Deliveries deliveries;
  private final PipelineObserver observer;

  AgentSends(
      Outbox outbox,
      Conversations conversations,
      Deliveries deliveries,
      PipelineObserver observer) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  /**
   * @param acceptedAt from when its delivery is timed: its webhook's acceptance, or its release
   *     when it was held; {@code null} when not known
   */
  void queue(
      Connections.Connected on,
      OutboundMessage message,
      Conversation conversation,
      Instant acceptedAt) {
    List<OutboundContent> parts = SendParts.of(message.content(), on.capabilities());
    offeredAsNumbers(message, on.capabilities().maxTappableOptions())
        .ifPresent(
            offer -> {
              conversation.offerNumbered(offer);
              conversations.save(conversation);
            });
    deliveries.saveOutcome(
        on.id(), MessageOutcome.queued(message.contactCenterMessageId(), message.recipient()));
    String lane = Lanes.toCustomer(conversation.key());
    for (int i = 0; i < parts.size(); i++) {
      OutboundMessage part =
          new OutboundMessage(message.contactCenterMessageId(), message.recipient(), parts.get(i));
      outbox.enqueue(
          lane,
          new OutboxItem.SendToCustomer(
              on.id(), part, conversation.route().orElse(null), i == parts.size() - 1, i),
          acceptedAt);
    }
    observer.queued(
        new Traced(
            message.contactCenterMessageId(),
            on.id(),
            Traced.Direction.TO_CUSTOMER,
            message.recipient()));
  }

  /** The options of the message that the channel shows as a numbered text, if any. */
  private static java.util.Optional<NumberedOffer> offeredAsNumbers(
      OutboundMessage message, int maxTappable) {
    return contents(message.content()).stream()
        .filter(OutboundContent.QuickReplies.class::isInstance)
        .map(OutboundContent.QuickReplies.class::cast)
        .filter(replies -> replies.options().size() > maxTappable)
        .reduce((first, later) -> later)
        .map(replies -> new NumberedOffer(message.contactCenterMessageId(), replies.options()));
  }

  private static List<OutboundContent> contents(OutboundContent content) {
    return content instanceof OutboundContent.Sequence sequence
        ? sequence.parts()
        : List.of(content);
  }
}
