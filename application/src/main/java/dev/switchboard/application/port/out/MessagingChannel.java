package dev.switchboard.application.port.out;

import dev.switchboard.application.pipeline.ChannelSend;
import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.FetchOutcome;
import dev.switchboard.domain.channel.ChannelCapabilities;
import dev.switchboard.domain.channel.ChannelId;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.Reengagement;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.customer.ReplyRoute;
import dev.switchboard.domain.message.InboundContent;
import java.util.Optional;

/**
 * A messaging channel customers use (WhatsApp, Telegram, ...): one adapter serves every connection
 * of its channel, acting for the account (number, bot) of the connection each call names. None of
 * its methods throws for the other side's failures: a passing one is a retry, a permanent one a
 * refusal.
 */
public interface MessagingChannel {

  /** Which channel this is. */
  ChannelId channel();

  /** What the channel carries and which rules it imposes; the same for all its connections. */
  ChannelCapabilities capabilities();

  /**
   * Sends one message within the channel's limits ({@code SendParts}), with the bytes of its
   * attachment if it has one. {@link DispatchOutcome.Done} carries the channel's id of what was
   * sent.
   */
  DispatchOutcome send(ChannelSend send);

  /** Fetches the bytes of a customer's attachment, at most {@code maxBytes}. */
  FetchOutcome fetchMedia(ConnectionId connection, InboundContent.Media media, long maxBytes);

  /**
   * Shows the customer that an answer is being typed (and, where the channel has it, marks their
   * message read).
   *
   * @param route how the channel last said the customer is reached; {@code null} when not known
   * @param customerMessageId the channel's id of the customer's last message
   */
  DispatchOutcome showTyping(
      ConnectionId connection, CustomerId customer, ReplyRoute route, String customerMessageId);

  /**
   * Tells the channel a customer's message was taken, with the token its event carried. Channels
   * that never hand out such tokens have nothing to do.
   */
  default DispatchOutcome acknowledge(ConnectionId connection, String token) {
    return DispatchOutcome.Done.withoutIds();
  }

  /**
   * How the connection brings back a customer whose service window closed, when it is configured to
   * (a channel without a service window never needs to).
   */
  default Optional<Reengagement> reengagement(ConnectionId connection) {
    return Optional.empty();
  }
}
