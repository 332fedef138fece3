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
 * message the customer wrote with, so that answers go back the way the customer came; and what it
 * waits for from the customer: the answer to options offered as numbers, and their next message
 * when agents' messages are held for re-engagement.
 */
public final class Conversation {

  /**
   * What a conversation waits for from the customer.
   *
   * @param numberedOffer options offered as numbers, answered by the customer's next message;
   *     {@code null} when none
   * @param reengagedAt when the customer was last sent the re-engagement template; {@code null}
   *     when never
   * @param heldSince since when agents' messages are held until the customer writes; {@code null}
   *     when none are
   */
  public record Awaiting(NumberedOffer numberedOffer, Instant reengagedAt, Instant heldSince) {
    /** Nothing awaited. */
    public static final Awaiting NOTHING = new Awaiting(null, null, null);
  }

  private final ConversationKey key;
  private MessageWindow window;
  private ReplyRoute route;
  private String lastCustomerMessageId;
  private Awaiting awaiting;

  private Conversation(
      ConversationKey key,
      MessageWindow window,
      ReplyRoute route,
      String lastCustomerMessageId,
      Awaiting awaiting) {
    this.key = Objects.requireNonNull(key, "key");
    this.window = Objects.requireNonNull(window, "window");
    this.route = route;
    this.lastCustomerMessageId = lastCustomerMessageId;
    this.awaiting = Objects.requireNonNull(awaiting, "awaiting");
  }

  /** A customer the bridge has not heard from on this connection. */
  public static Conversation begin(ConversationKey key) {
    return new Conversation(key, MessageWindow.neverOpened(), null, null, Awaiting.NOTHING);
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
    return new Conversation(key, window, route, lastCustomerMessageId, Awaiting.NOTHING);
  }

  /** A conversation as it was stored, with what it awaits from the customer. */
  public static Conversation restore(
      ConversationKey key,
      MessageWindow window,
      ReplyRoute route,
      String lastCustomerMessageId,
      Awaiting awaiting) {
    return new Conversation(key, window, route, lastCustomerMessageId, awaiting);
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

  /**
   * Remembers options sent as numbers: the customer's next message may answer them (replacing
   * options offered before).
   */
  public void offerNumbered(NumberedOffer offer) {
    awaiting = new Awaiting(offer, awaiting.reengagedAt(), awaiting.heldSince());
  }

  /**
   * The options offered as numbers that the customer's message now answers, or not: either way,
   * only the next message may answer them, so they are forgotten.
   */
  public Optional<NumberedOffer> takeNumberedOffer() {
    NumberedOffer offer = awaiting.numberedOffer();
    if (offer != null) {
      awaiting = new Awaiting(null, awaiting.reengagedAt(), awaiting.heldSince());
    }
    return Optional.ofNullable(offer);
  }

  /**
   * Holds an agent's message at {@code now} until the customer writes; returns whether the
   * re-engagement template must be sent now: once per closed window (not again until the customer
   * has written since the last one).
   */
  public boolean holdForReengagement(Instant now) {
    Instant last = window.lastCustomerMessageAt();
    Instant reengaged = awaiting.reengagedAt();
    boolean sendTemplate = reengaged == null || (last != null && reengaged.isBefore(last));
    awaiting =
        new Awaiting(
            awaiting.numberedOffer(),
            sendTemplate ? now : reengaged,
            awaiting.heldSince() == null ? now : awaiting.heldSince());
    return sendTemplate;
  }

  /** Whether agents' messages are held until the customer writes. */
  public boolean holding() {
    return awaiting.heldSince() != null;
  }

  /** The held messages were sent, or expired: none are held any more. */
  public void releaseHeld() {
    awaiting = new Awaiting(awaiting.numberedOffer(), awaiting.reengagedAt(), null);
  }

  /**
   * The re-engagement template could not be sent, and the messages held for it failed: none are
   * held, and the next message held in this closed window tries the template again.
   */
  public void reengagementFailed() {
    awaiting = new Awaiting(awaiting.numberedOffer(), null, null);
  }

  /** What the conversation awaits from the customer. */
  public Awaiting awaiting() {
    return awaiting;
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
