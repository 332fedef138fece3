package dev.switchboard.application.pipeline;

import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.ReplyRoute;
import dev.switchboard.domain.message.MediaBytes;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import java.util.Objects;

/**
 * One send to a customer, as the channel gets it.
 *
 * @param connection the connection whose account sends it
 * @param message the message, with the content of this one send (within the channel's limits)
 * @param route how the channel last said the customer is reached; {@code null} when not known
 * @param attachment the bytes of the content's attachment (a media, a card's image, a template's
 *     header media: {@link OutboundContent#attachmentToFetch()}), fetched from the contact center;
 *     {@code null} when the content has none
 */
public record ChannelSend(
    ConnectionId connection, OutboundMessage message, ReplyRoute route, MediaBytes attachment) {
  public ChannelSend {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(message, "message");
    if (message.content().attachmentToFetch().isPresent() != (attachment != null)) {
      throw new IllegalArgumentException("an attachment's bytes come with it, and only with it");
    }
  }
}
