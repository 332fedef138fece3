package dev.switchboard.application.usecase;

import dev.switchboard.application.connection.Connections;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.port.out.Conversations;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.domain.conversation.Conversation;
import java.time.Clock;
import java.util.Objects;

/**
 * An agent started typing: the customer is shown it, when there is a message of theirs to answer
 * and the channel would let the agent answer with free text now (outside a closed service window
 * the agent cannot anyway). Runs inside the caller's transaction.
 */
public final class ShowAgentTyping {

  private final Outbox outbox;
  private final Conversations conversations;
  private final Clock clock;

  public ShowAgentTyping(Outbox outbox, Conversations conversations, Clock clock) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Queues the typing indicator, if it makes sense now. */
  public void show(Connections.Connected on, ChannelEvent.AgentTyping event) {
    Conversation conversation = conversations.lock(event.key());
    if (!on.policy().allowsFreeFormAt(conversation.window(), clock.instant())) {
      return;
    }
    conversation
        .lastCustomerMessageId()
        .ifPresent(
            last ->
                outbox.enqueue(
                    Lanes.toCustomer(event.key()),
                    new OutboxItem.ShowTyping(
                        on.id(), event.customer(), conversation.route().orElse(null), last)));
  }
}
