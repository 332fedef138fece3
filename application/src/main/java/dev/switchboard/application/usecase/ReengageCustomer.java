package dev.switchboard.application.usecase;

import dev.switchboard.application.connection.Connections;
import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.port.out.Conversations;
import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.application.port.out.PipelineObserver;
import dev.switchboard.domain.conversation.Conversation;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.conversation.HeldMessage;
import dev.switchboard.domain.conversation.Reengagement;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.OutboundMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Holds agents' messages for a customer whose service window closed, on a connection configured to
 * re-engage: the customer gets the connection's template once per closed window, and the held
 * messages go out in order, with their normal receipts, when the customer writes again. A message
 * held longer than the connection's hold, or whose template the channel refused, fails with {@code
 * MessageExpired}. Runs inside the caller's transaction, with the conversation locked, except
 * {@link #expire}, which runs its own.
 */
public final class ReengageCustomer {

  /** How many conversations one round of {@link #expire} handles per connection at most. */
  static final int EXPIRY_BATCH = 100;

  private static final String TEMPLATE_ID_PREFIX = "reengagement:";

  private final Outbox outbox;
  private final Conversations conversations;
  private final AgentSends sends;
  private final AgentReceipts receipts;
  private final Clock clock;

  public ReengageCustomer(
      Outbox outbox,
      Conversations conversations,
      Deliveries deliveries,
      AgentReceipts receipts,
      Clock clock) {
    this(outbox, conversations, deliveries, receipts, clock, PipelineObserver.NONE);
  }

  /**
   * @param observer told of the held messages queued at their release
   */
  public ReengageCustomer(
      Outbox outbox,
      Conversations conversations,
      Deliveries deliveries,
      AgentReceipts receipts,
      Clock clock,
      PipelineObserver observer) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.sends = new AgentSends(outbox, conversations, deliveries, observer);
    this.receipts = Objects.requireNonNull(receipts, "receipts");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** What the agent is told of a held message that was never sent. */
  static DeliveryFailure expired(Duration hold) {
    return new DeliveryFailure(
        FailureReason.MESSAGE_EXPIRED,
        "The customer service window is closed and the customer did not write again within "
            + span(hold)
            + " of the re-engagement template: the message was not sent.");
  }

  /** A duration as people say it: "7 days", "36 hours", "90 minutes", "45 seconds". */
  static String span(Duration length) {
    if (length.toDays() > 0 && length.equals(Duration.ofDays(length.toDays()))) {
      return plural(length.toDays(), "day");
    }
    if (length.toHours() > 0 && length.equals(Duration.ofHours(length.toHours()))) {
      return plural(length.toHours(), "hour");
    }
    if (length.toMinutes() > 0 && length.equals(Duration.ofMinutes(length.toMinutes()))) {
      return plural(length.toMinutes(), "minute");
    }
    return plural(Math.max(1, length.toSeconds()), "second");
  }

  private static String plural(long count, String unit) {
    return count + " " + unit + (count == 1 ? "" : "s");
  }

  /** Holds the message and, once per closed window, queues the template that asks for a reply. */
  void hold(
      Connections.Connected on,
      Reengagement reengagement,
      OutboundMessage message,
      Conversation conversation) {
    Instant now = clock.instant();
    conversations.hold(conversation.key(), new HeldMessage(message, now));
    boolean sendTemplate = conversation.holdForReengagement(now);
    conversations.save(conversation);
    if (sendTemplate) {
      outbox.enqueue(
          Lanes.toCustomer(conversation.key()),
          new OutboxItem.Reengage(
              on.id(),
              new OutboundMessage(
                  TEMPLATE_ID_PREFIX + message.contactCenterMessageId(),
                  message.recipient(),
                  reengagement.template()),
              conversation.route().orElse(null)));
    }
  }

  /**
   * The customer wrote: the held messages go out in order, except those held longer than the
   * connection's hold, which fail.
   */
  void release(Connections.Connected on, Conversation conversation) {
    Instant now = clock.instant();
    if (!conversation.holding() || !on.policy().allowsFreeFormAt(conversation.window(), now)) {
      return; // nothing held, or a late message that did not reopen the window
    }
    Duration hold = holdOf(on);
    for (HeldMessage held : conversations.takeHeld(conversation.key(), null)) {
      if (held.expiredAt(now, hold)) {
        receipts.expire(on.id(), held.message(), expired(hold));
      } else {
        // timed from its release: the wait for the customer is not the bridge's
        sends.queue(on, held.message(), conversation, now);
      }
    }
    conversation.releaseHeld();
    conversations.save(conversation);
  }

  /**
   * The channel refused the template, or kept failing until the bridge gave up: the messages held
   * for it fail now instead of waiting for a reply that cannot come.
   */
  public void templateFailed(OutboxItem.Reengage template, DeliveryFailure why) {
    ConversationKey key =
        new ConversationKey(template.connection(), template.message().recipient());
    Conversation conversation = conversations.lock(key);
    DeliveryFailure failure =
        new DeliveryFailure(
            why.reason(),
            "The customer service window is closed and the re-engagement template could not be"
                + " sent ("
                + why.message()
                + "): the message was not sent.");
    for (HeldMessage held : conversations.takeHeld(key, null)) {
      receipts.fail(template.connection(), held.message(), failure);
    }
    conversation.reengagementFailed();
    conversations.save(conversation);
  }

  /**
   * Fails the messages of one conversation held longer than the connection's hold at {@code now};
   * the others stay held, in order. Returns how many failed.
   */
  public int expire(Connections.Connected on, ConversationKey key) {
    Duration hold = holdOf(on);
    Instant now = clock.instant();
    Conversation conversation = conversations.lock(key);
    List<HeldMessage> kept = new ArrayList<>();
    int failed = 0;
    for (HeldMessage held : conversations.takeHeld(key, null)) {
      if (held.expiredAt(now, hold)) {
        receipts.expire(on.id(), held.message(), expired(hold));
        failed++;
      } else {
        kept.add(held);
      }
    }
    kept.forEach(held -> conversations.hold(key, held));
    if (kept.isEmpty() && conversation.holding()) {
      conversation.releaseHeld();
      conversations.save(conversation);
    }
    return failed;
  }

  /**
   * Conversations of the connection with a message held longer than its hold (the default hold when
   * it no longer re-engages), a batch of them.
   */
  public List<ConversationKey> dueForExpiry(Connections.Connected on) {
    // also when the connection no longer re-engages: what it held still expires
    return conversations.holdingSince(on.id(), clock.instant().minus(holdOf(on)), EXPIRY_BATCH);
  }

  private static Duration holdOf(Connections.Connected on) {
    return on.reengagement().map(Reengagement::hold).orElse(Reengagement.DEFAULT_HOLD);
  }
}
