package dev.switchboard.domain.delivery;

import dev.switchboard.domain.customer.CustomerId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one agent message as a whole, however many sends carry it (a long text is split
 * into several): the contact center gets one receipt per message. {@code Failed} as soon as one
 * send fails (and the sends after it are not made), {@code Delivered} once every send is delivered,
 * and nothing after either: a failure after the message was delivered changes nothing.
 */
public final class MessageOutcome {

  /** Where the message as a whole stands. */
  public enum State {
    /** Some sends are still to be made or to reach the customer. */
    PENDING,
    /** Every send reached the customer. */
    DELIVERED,
    /** A send failed: the agent was told, and the sends after it are not made. */
    FAILED
  }

  private final String contactCenterMessageId;
  private final CustomerId customer;
  private int sends;
  private int delivered;
  private boolean lastSent;
  private State state;

  private MessageOutcome(
      String contactCenterMessageId,
      CustomerId customer,
      int sends,
      int delivered,
      boolean lastSent,
      State state) {
    this.contactCenterMessageId =
        Objects.requireNonNull(contactCenterMessageId, "contactCenterMessageId");
    this.customer = Objects.requireNonNull(customer, "customer");
    if (sends < 0 || delivered < 0) {
      throw new IllegalArgumentException("counts are never negative");
    }
    this.sends = sends;
    this.delivered = delivered;
    this.lastSent = lastSent;
    this.state = Objects.requireNonNull(state, "state");
  }

  /** A message whose sends are queued, none made yet. */
  public static MessageOutcome queued(String contactCenterMessageId, CustomerId customer) {
    return new MessageOutcome(contactCenterMessageId, customer, 0, 0, false, State.PENDING);
  }

  /**
   * A message's outcome as it was stored.
   *
   * @param sends how many sends the channel accepted so far
   * @param delivered how many of them reached the customer
   * @param lastSent whether the last send of the message was accepted
   */
  public static MessageOutcome restore(
      String contactCenterMessageId,
      CustomerId customer,
      int sends,
      int delivered,
      boolean lastSent,
      State state) {
    return new MessageOutcome(contactCenterMessageId, customer, sends, delivered, lastSent, state);
  }

  /**
   * The channel accepted one more send of the message (one per message id it gave).
   *
   * @param last whether it is the message's last send
   */
  public void accepted(boolean last) {
    sends++;
    lastSent |= last;
  }

  /**
   * One send reached the customer; returns the {@code Delivered} receipt when it was the last one
   * outstanding of a message still pending.
   */
  public Optional<DeliveryReceipt> sendDelivered(Instant at) {
    delivered++;
    if (state == State.PENDING && lastSent && delivered >= sends) {
      state = State.DELIVERED;
      return Optional.of(DeliveryReceipt.delivered(contactCenterMessageId, customer, at));
    }
    return Optional.empty();
  }

  /**
   * A send failed, or could not be made, for {@code reasons} (at least one); returns the {@code
   * Failed} receipt unless the agent already heard of the message's outcome.
   */
  public Optional<DeliveryReceipt> failed(List<DeliveryFailure> reasons, Instant at) {
    if (state != State.PENDING) {
      return Optional.empty();
    }
    state = State.FAILED;
    return Optional.of(DeliveryReceipt.failed(contactCenterMessageId, customer, reasons, at));
  }

  /** Whether the message failed, so that its remaining sends are not made. */
  public boolean stopped() {
    return state == State.FAILED;
  }

  public String contactCenterMessageId() {
    return contactCenterMessageId;
  }

  public CustomerId customer() {
    return customer;
  }

  /** How many sends the channel accepted so far. */
  public int sends() {
    return sends;
  }

  /** How many of them reached the customer. */
  public int delivered() {
    return delivered;
  }

  /** Whether the last send of the message was accepted. */
  public boolean lastSent() {
    return lastSent;
  }

  public State state() {
    return state;
  }
}
