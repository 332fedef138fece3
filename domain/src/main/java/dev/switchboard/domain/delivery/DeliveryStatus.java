package dev.switchboard.domain.delivery;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a message sent to a customer stands. The state only moves forward:
 *
 * <pre>
 *   ACCEPTED ──► SENT ──► DELIVERED ──► READ
 *       │         │  └──────────────────▲
 *       │         └──► FAILED           │
 *       ├─────────────► FAILED          │
 *       └───────────────────────────────┘ (DELIVERED and READ are reachable from ACCEPTED too)
 * </pre>
 *
 * <p>A report that does not move the state forward (a duplicate, or a stale one that WhatsApp
 * delivered late, such as {@code sent} after {@code read}) is ignored. {@code READ} implies {@code
 * DELIVERED}. {@code FAILED} and {@code READ} are final; {@code failed} after {@code delivered} or
 * {@code read} changes nothing.
 */
public enum DeliveryStatus {
  /** The channel's API accepted the send. */
  ACCEPTED,
  /** The channel sent it towards the customer's device. */
  SENT,
  /** It reached the customer's device. */
  DELIVERED,
  /** The customer read it. */
  READ,
  /** It could not be delivered. */
  FAILED;

  private static final Map<DeliveryStatus, Set<DeliveryStatus>> FORWARD =
      Map.of(
          ACCEPTED, EnumSet.of(SENT, DELIVERED, READ, FAILED),
          SENT, EnumSet.of(DELIVERED, READ, FAILED),
          DELIVERED, EnumSet.of(READ),
          READ, EnumSet.noneOf(DeliveryStatus.class),
          FAILED, EnumSet.noneOf(DeliveryStatus.class));

  /**
   * The state after {@code reported}, or empty when the report is stale or a duplicate and must be
   * ignored.
   */
  public Optional<DeliveryStatus> advanceTo(DeliveryStatus reported) {
    return FORWARD.get(this).contains(reported) ? Optional.of(reported) : Optional.empty();
  }

  /** Whether the message has reached the customer's device in this state. */
  public boolean impliesDelivered() {
    return this == DELIVERED || this == READ;
  }
}
