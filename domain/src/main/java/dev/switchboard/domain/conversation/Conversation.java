package dev.switchboard.domain.conversation;

import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.customer.ReplyRoute;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.OutboundContent;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The bridge's memory of one customer on one connection: the window, and the reply route and last
 * message the customer wrote with, so that answers go back the way the customer came.
 */
public final class Conversation {

  private final ConversationKey key;
  private MessageWindow window;
  private ReplyRoute route;
  private String lastCustomerMessageId;

  private Conversation(
      ConversationKey key, MessageWindow window, ReplyRoute route, String lastCustomerMessageId) {
    this.key = Objects.requireNonNull(key, "key");
    this.window = Objects.requireNonNull(window, "window");
    this.route = route;
    this.lastCustomerMessageId = lastCustomerMessageId;
  }

  /** A customer the bridge has not heard from on this connection. */
  public static Conversation begin(ConversationKey key) {
    return new Conversation(key, MessageWindow.neverOpened(), null, null);
  }

  /**
   * A conversation as it was stored.
   *
   * @param route the reply route; {@code null} when none is known
   * @param lastCustomerMessageId the channel id of the customer's latest message; {@code null} when
   *     none
   */
  public static Conversation restore(
      ConversationKey key, MessageWindow window, ReplyRoute route, String lastCustomerMessageId) {
    return new Conversation(key, window, route, lastCustomerMessageId);
  }

  /**
   * Records a message from the customer: the window reopens at its time, and the reply route and
   * last message follow the customer's latest message (a late, older one changes neither; of
   * messages with the same time, the one handled last counts as the latest).
   */
  public void customerWrote(InboundMessage message) {
    if (!message.sender().id().equals(key.customer())) {
      throw new IllegalArgumentException("the message is from another customer");
    }
    Instant latestBefore = window.lastCustomerMessageAt();
    window = window.reopenedBy(message.sentAt());
    // channels' timestamps may have one-second resolution: of messages in the same second, the
    // one handled last is the latest known
    boolean latest = latestBefore == null || !message.sentAt().isBefore(latestBefore);
    if (latest) {
      lastCustomerMessageId = message.channelMessageId();
      if (message.route() != null) {
        route = message.route();
      }
    }
  }

  /** Whether {@code content} may be sent to the customer at {@code now} under {@code policy}. */
  public SendDecision decide(OutboundContent content, Instant now, SendPolicy policy) {
    return policy.decide(window, content, now);
  }

  public ConversationKey key() {
    return key;
  }

  public ConnectionId connection() {
    return key.connection();
  }

  public CustomerId customer() {
    return key.customer();
  }

  public MessageWindow window() {
    return window;
  }

  /** How to reach the customer again, as the channel last gave it, if known. */
  public Optional<ReplyRoute> route() {
    return Optional.ofNullable(route);
  }

  /** The channel id of the customer's latest message, if any. */
  public Optional<String> lastCustomerMessageId() {
    return Optional.ofNullable(lastCustomerMessageId);
  }
}
