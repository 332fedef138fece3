package dev.switchboard.domain.delivery;

import dev.switchboard.domain.customer.CustomerId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the contact center is told about a message its agent sent.
 *
 * @param contactCenterMessageId the contact center's id of the message
 * @param customer the recipient
 * @param outcome delivered or failed
 * @param reasons why it failed; empty when delivered
 * @param at when it happened
 */
public record DeliveryReceipt(
    String contactCenterMessageId,
    CustomerId customer,
    Outcome outcome,
    List<DeliveryFailure> reasons,
    Instant at) {

  /** The outcomes a contact center distinguishes. */
  public enum Outcome {
    DELIVERED,
    FAILED
  }

  public DeliveryReceipt {
    Objects.requireNonNull(contactCenterMessageId, "contactCenterMessageId");
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(at, "at");
    reasons = List.copyOf(reasons);
    if (outcome == Outcome.FAILED && reasons.isEmpty()) {
      throw new IllegalArgumentException("a failed receipt carries at least one reason");
    }
  }

  public static DeliveryReceipt delivered(String id, CustomerId customer, Instant at) {
    return new DeliveryReceipt(id, customer, Outcome.DELIVERED, List.of(), at);
  }

  public static DeliveryReceipt failed(
      String id, CustomerId customer, List<DeliveryFailure> reasons, Instant at) {
    return new DeliveryReceipt(id, customer, Outcome.FAILED, reasons, at);
  }
}
