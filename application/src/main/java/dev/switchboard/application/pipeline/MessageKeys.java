package dev.switchboard.application.pipeline;

import dev.switchboard.domain.channel.ChannelId;
import dev.switchboard.domain.channel.ConnectionId;

/**
 * The keys under which handled messages are remembered, so that a redelivery has no second effect:
 * namespaced by who gave the id (the channel, or the contact center) and by connection, since two
 * connections' ids may collide (two Telegram bots number their chats' messages alike).
 */
public final class MessageKeys {

  /** The namespace of the contact center's message ids. */
  public static final String CONTACT_CENTER = "contact-center";

  private MessageKeys() {}

  /** The key of a customer's message: {@code whatsapp:default:wamid.X}. */
  public static String customerMessage(
      ChannelId channel, ConnectionId connection, String channelMessageId) {
    return channel.value() + ":" + connection.value() + ":" + channelMessageId;
  }

  /** The key of an agent's message: {@code contact-center:default:<id>}. */
  public static String agentMessage(ConnectionId connection, String contactCenterMessageId) {
    return CONTACT_CENTER + ":" + connection.value() + ":" + contactCenterMessageId;
  }
}
