package dev.switchboard.domain.message;

import java.time.Instant;
import java.util.Objects;

/**
 * A message a customer sent on the channel.
 *
 * @param channelMessageId the channel's id of the message (a WhatsApp wamid): stable across
 *     redeliveries
 * @param sender the customer
 * @param businessNumberId the business number the customer wrote to; {@code null} when unknown
 * @param sentAt the message's own time
 * @param content what was sent
 */
public record InboundMessage(
    String channelMessageId,
    Customer sender,
    String businessNumberId,
    Instant sentAt,
    InboundContent content) {

  public InboundMessage {
    Objects.requireNonNull(channelMessageId, "channelMessageId");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(content, "content");
    if (channelMessageId.isBlank()) {
      throw new IllegalArgumentException("a message needs its channel id");
    }
  }
}
