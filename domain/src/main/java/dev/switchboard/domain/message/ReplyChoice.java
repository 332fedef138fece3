package dev.switchboard.domain.message;

import java.util.Objects;

/**
 * The customer tapped one of the quick replies the contact center offered.
 *
 * @param contactCenterMessageId the contact center's id of the message that offered them
 * @param customer who tapped
 * @param reply the chosen reply
 * @param channelMessageId the channel's id of the tap (its wamid)
 * @param at when the customer tapped
 */
public record ReplyChoice(
    String contactCenterMessageId,
    Customer customer,
    QuickReply reply,
    String channelMessageId,
    java.time.Instant at) {
  public ReplyChoice {
    Objects.requireNonNull(contactCenterMessageId, "contactCenterMessageId");
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(channelMessageId, "channelMessageId");
    Objects.requireNonNull(at, "at");
  }
}
