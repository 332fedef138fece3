package dev.switchboard.domain.message;

import dev.switchboard.domain.customer.ReplyRoute;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A message a customer sent on the channel.
 *
 * @param channelMessageId the channel's id of the message (a WhatsApp wamid, a Telegram message
 *     key): stable across redeliveries
 * @param sender the customer
 * @param route how the channel wants the customer reached again; {@code null} when the customer's
 *     id is enough
 * @param sentAt the message's own time
 * @param content what was sent
 * @param metadata what the agent may want to know beside the content (the ad a customer came from,
 *     the message quoted); empty when nothing
 */
public record InboundMessage(
    String channelMessageId,
    Customer sender,
    ReplyRoute route,
    Instant sentAt,
    InboundContent content,
    Map<String, String> metadata) {

  public InboundMessage {
    Objects.requireNonNull(channelMessageId, "channelMessageId");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(content, "content");
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    if (channelMessageId.isBlank()) {
      throw new IllegalArgumentException("a message needs its channel id");
    }
  }

  /** A message without metadata. */
  public InboundMessage(
      String channelMessageId,
      Customer sender,
      ReplyRoute route,
      Instant sentAt,
      InboundContent content) {
    this(channelMessageId, sender, route, sentAt, content, Map.of());
  }

  /** The same message from {@code sender}. */
  public InboundMessage from(Customer sender) {
    return new InboundMessage(channelMessageId, sender, route, sentAt, content, metadata);
  }

  /** The same message with other content. */
  public InboundMessage with(InboundContent other) {
    return new InboundMessage(channelMessageId, sender, route, sentAt, other, metadata);
  }
}
