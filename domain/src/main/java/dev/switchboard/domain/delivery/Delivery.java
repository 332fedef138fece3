package dev.switchboard.domain.delivery;

import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.QuickReply;
import dev.switchboard.domain.message.ReplyChoice;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One send to a customer on behalf of the contact center, followed through its {@link
 * DeliveryStatus} so that the contact center hears of each outcome once, never backwards.
 *
 * <p>A message the channel carries in several sends (a long text, text with several attachments)
 * has a delivery per send; only the final part reports {@code Delivered}, any part reports a
 * failure. A send that offered quick replies remembers them, so that the customer's tap can be
 * traced back to the contact center's payload.
 */
public final class Delivery {

  private final String contactCenterMessageId;
  private final String channelMessageId;
  private final CustomerId customer;
  private final List<QuickReply> offeredReplies;
  private final boolean finalPart;
  private DeliveryStatus status;

  private Delivery(
      String contactCenterMessageId,
      String channelMessageId,
      CustomerId customer,
      List<QuickReply> offeredReplies,
      boolean finalPart,
      DeliveryStatus status) {
    this.contactCenterMessageId =
        Objects.requireNonNull(contactCenterMessageId, "contactCenterMessageId");
    this.channelMessageId = Objects.requireNonNull(channelMessageId, "channelMessageId");
    this.customer = Objects.requireNonNull(customer, "customer");
    this.offeredReplies = List.copyOf(offeredReplies);
    this.finalPart = finalPart;
    this.status = Objects.requireNonNull(status, "status");
  }

  /** A single send the channel just accepted. */
  public static Delivery accepted(
      String contactCenterMessageId, String channelMessageId, CustomerId customer) {
    return accepted(contactCenterMessageId, channelMessageId, customer, List.of(), true);
  }

  /**
   * A send the channel just accepted.
   *
   * @param offeredReplies the quick replies it offered, in order; empty when none
   * @param finalPart whether it is the last send of its message
   */
  public static Delivery accepted(
      String contactCenterMessageId,
      String channelMessageId,
      CustomerId customer,
      List<QuickReply> offeredReplies,
      boolean finalPart) {
    return new Delivery(
        contactCenterMessageId,
        channelMessageId,
        customer,
        offeredReplies,
        finalPart,
        DeliveryStatus.ACCEPTED);
  }

  /** A single-send delivery as it was stored. */
  public static Delivery restore(
      String contactCenterMessageId,
      String channelMessageId,
      CustomerId customer,
      DeliveryStatus status) {
    return restore(contactCenterMessageId, channelMessageId, customer, List.of(), true, status);
  }

  /** A delivery as it was stored. */
  public static Delivery restore(
      String contactCenterMessageId,
      String channelMessageId,
      CustomerId customer,
      List<QuickReply> offeredReplies,
      boolean finalPart,
      DeliveryStatus status) {
    return new Delivery(
        contactCenterMessageId, channelMessageId, customer, offeredReplies, finalPart, status);
  }

  /**
   * Applies the channel's report; returns what it newly says of this send: {@code FAILED}, or
   * {@code DELIVERED} the first time the send reached the customer ({@code read} without {@code
   * delivered} before it counts). A stale or repeated report returns nothing.
   */
  public Optional<DeliveryReceipt.Outcome> advance(StatusReport report) {
    Optional<DeliveryStatus> next = status.advanceTo(report.status());
    if (next.isEmpty()) {
      return Optional.empty();
    }
    DeliveryStatus previous = status;
    status = next.get();
    if (status == DeliveryStatus.FAILED) {
      return Optional.of(DeliveryReceipt.Outcome.FAILED);
    }
    if (status.impliesDelivered() && !previous.impliesDelivered()) {
      return Optional.of(DeliveryReceipt.Outcome.DELIVERED);
    }
    return Optional.empty();
  }

  /**
   * Applies the channel's report to a send followed on its own (a message whose outcome is not kept
   * as a whole: sends queued by earlier releases); returns the receipt the contact center must get,
   * if the report moved the message to an outcome it has not heard of yet: any part's failure, the
   * final part's delivery.
   */
  public Optional<DeliveryReceipt> apply(StatusReport report) {
    Optional<DeliveryReceipt.Outcome> outcome = advance(report);
    if (outcome.isEmpty()) {
      return Optional.empty();
    }
    if (outcome.get() == DeliveryReceipt.Outcome.FAILED) {
      return Optional.of(
          DeliveryReceipt.failed(contactCenterMessageId, customer, reasons(report), report.at()));
    }
    return finalPart
        ? Optional.of(DeliveryReceipt.delivered(contactCenterMessageId, customer, report.at()))
        : Optional.empty();
  }

  /** Why the report says the send failed, or a general failure when it does not say. */
  public static List<DeliveryFailure> reasons(StatusReport report) {
    return report.failures().isEmpty()
        ? List.of(new DeliveryFailure(FailureReason.GENERAL_ERROR, "delivery failed"))
        : report.failures();
  }

  /**
   * The contact center's offer that the customer's tap answers: the option the tap names, if this
   * send offered it.
   *
   * @param message the customer's message that carries the tap
   */
  public Optional<ReplyChoice> answeredBy(InboundMessage message, InboundContent.ReplyTap tap) {
    return offeredReply(tap.replyId())
        .map(
            reply ->
                new ReplyChoice(
                    contactCenterMessageId,
                    message.sender(),
                    reply,
                    message.channelMessageId(),
                    message.sentAt()));
  }

  /** The offered quick reply that was sent with {@code replyId}, if this send offered it. */
  public Optional<QuickReply> offeredReply(String replyId) {
    return QuickReply.chosen(offeredReplies, replyId);
  }

  public String contactCenterMessageId() {
    return contactCenterMessageId;
  }

  public String channelMessageId() {
    return channelMessageId;
  }

  public CustomerId customer() {
    return customer;
  }

  /** The quick replies this send offered, in order; empty when none. */
  public List<QuickReply> offeredReplies() {
    return offeredReplies;
  }

  /** Whether this is the last send of its message. */
  public boolean finalPart() {
    return finalPart;
  }

  public DeliveryStatus status() {
    return status;
  }
}
