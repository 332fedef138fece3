package dev.switchboard.domain.conversation;

import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.OutboundContent;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The bridge's memory of one customer: the 24-hour window, and the business number and last message
 * they wrote, so that answers go back the way the customer came.
 */
public final class Conversation {

  private final CustomerId customer;
  private MessageWindow window;
  private String businessNumberId;
  private String lastCustomerMessageId;

  private Conversation(
      CustomerId customer,
      MessageWindow window,
      String businessNumberId,
      String lastCustomerMessageId) {
    this.customer = Objects.requireNonNull(customer, "customer");
    this.window = Objects.requireNonNull(window, "window");
    this.businessNumberId = businessNumberId;
    this.lastCustomerMessageId = lastCustomerMessageId;
  }

  /** A customer the bridge has not heard from. */
  public static Conversation begin(CustomerId customer) {
    return new Conversation(customer, MessageWindow.neverOpened(), null, null);
  }

  /** A conversation as it was stored. */
  public static Conversation restore(
      CustomerId customer,
      MessageWindow window,
      String businessNumberId,
      String lastCustomerMessageId) {
    return new Conversation(customer, window, businessNumberId, lastCustomerMessageId);
  }

  /**
   * Records a message from the customer: the window reopens at its time, and the business number
   * and last message follow the customer's latest message (a late, older one changes neither; of
   * messages with the same time, the one handled last counts as the latest).
   */
  public void customerWrote(InboundMessage message) {
    if (!message.sender().id().equals(customer)) {
      throw new IllegalArgumentException("the message is from another customer");
    }
    Instant latestBefore = window.lastCustomerMessageAt();
    window = window.reopenedBy(message.sentAt());
    // WhatsApp timestamps have one-second resolution: of messages in the same second, the one
    // handled last is the latest known
    boolean latest = latestBefore == null || !message.sentAt().isBefore(latestBefore);
    if (latest) {
      lastCustomerMessageId = message.channelMessageId();
      if (message.businessNumberId() != null) {
        businessNumberId = message.businessNumberId();
      }
    }
  }

  /** Whether {@code content} may be sent to the customer at {@code now}. */
  public SendDecision decide(OutboundContent content, Instant now, TemplatePolicy policy) {
    return policy.decide(window, content, now);
  }

  public ConversationKey key() {
    return ConversationKey.of(customer);
  }

  public CustomerId customer() {
    return customer;
  }

  public MessageWindow window() {
    return window;
  }

  /** The business number the customer last wrote to, if known. */
  public Optional<String> businessNumberId() {
    return Optional.ofNullable(businessNumberId);
  }

  /** The channel id of the customer's latest message, if any. */
  public Optional<String> lastCustomerMessageId() {
    return Optional.ofNullable(lastCustomerMessageId);
  }
}
