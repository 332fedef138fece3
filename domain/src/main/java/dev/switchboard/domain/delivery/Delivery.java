package dev.switchboard.domain.delivery;

import dev.switchboard.domain.customer.CustomerId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message sent to a customer on behalf of the contact center, followed through its {@link
 * DeliveryStatus} so that the contact center hears of each outcome once, never backwards.
 */
public final class Delivery {

  private final String contactCenterMessageId;
  private final String channelMessageId;
  private final CustomerId customer;
  private DeliveryStatus status;

  private Delivery(
      String contactCenterMessageId,
      String channelMessageId,
      CustomerId customer,
      DeliveryStatus status) {
    this.contactCenterMessageId =
        Objects.requireNonNull(contactCenterMessageId, "contactCenterMessageId");
    this.channelMessageId = Objects.requireNonNull(channelMessageId, "channelMessageId");
    this.customer = Objects.requireNonNull(customer, "customer");
    this.status = Objects.requireNonNull(status, "status");
  }

  /** A send the channel just accepted. */
  public static Delivery accepted(
      String contactCenterMessageId, String channelMessageId, CustomerId customer) {
    return new Delivery(
        contactCenterMessageId, channelMessageId, customer, DeliveryStatus.ACCEPTED);
  }

  /** A delivery as it was stored. */
  public static Delivery restore(
      String contactCenterMessageId,
      String channelMessageId,
      CustomerId customer,
      DeliveryStatus status) {
    return new Delivery(contactCenterMessageId, channelMessageId, customer, status);
  }

  /**
   * Applies the channel's report; returns the receipt the contact center must get, if the report
   * moved the message to an outcome it has not heard of yet.
   */
  public Optional<DeliveryReceipt> apply(StatusReport report) {
    Optional<DeliveryStatus> next = status.advanceTo(report.status());
    if (next.isEmpty()) {
      return Optional.empty();
    }
    DeliveryStatus previous = status;
    status = next.get();
    if (status == DeliveryStatus.FAILED) {
      List<DeliveryFailure> reasons =
          report.failures().isEmpty()
              ? List.of(new DeliveryFailure(FailureReason.GENERAL_ERROR, "delivery failed"))
              : report.failures();
      return Optional.of(
          DeliveryReceipt.failed(contactCenterMessageId, customer, reasons, report.at()));
    }
    if (status.impliesDelivered() && !previous.impliesDelivered()) {
      return Optional.of(DeliveryReceipt.delivered(contactCenterMessageId, customer, report.at()));
    }
    return Optional.empty();
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

  public DeliveryStatus status() {
    return status;
  }
}
