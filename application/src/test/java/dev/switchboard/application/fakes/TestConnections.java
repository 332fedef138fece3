package dev.switchboard.application.fakes;

import dev.switchboard.application.connection.Connection;
import dev.switchboard.application.connection.Connections;
import dev.switchboard.application.port.out.MessagingChannel;
import dev.switchboard.domain.channel.CardLimits;
import dev.switchboard.domain.channel.ChannelCapabilities;
import dev.switchboard.domain.channel.ChannelId;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.message.MediaKind;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Channels and connections for tests: capabilities like WhatsApp's and like a Telegram bot's, and
 * {@link Connections} over given channels (most tests need one, the {@code default} connection on
 * WhatsApp).
 */
public final class TestConnections {

  private static final long KIB = 1024;
  private static final long MIB = 1024 * KIB;

  /** The WhatsApp channel's name. */
  public static final ChannelId WHATSAPP = new ChannelId("whatsapp");

  /** The Telegram channel's name. */
  public static final ChannelId TELEGRAM = new ChannelId("telegram");

  /** The connection the top-level settings describe. */
  public static final ConnectionId DEFAULT = ConnectionId.DEFAULT;

  /** A second connection, for tests of several. */
  public static final ConnectionId SALES = new ConnectionId("sales");

  /**
   * WhatsApp's: texts of 4,096 characters, captions of 1,024, ten options to tap; images up to 5
   * MiB, videos and audio 16 MiB, documents 100 MiB, stickers 500 KiB; a 24-hour service window,
   * templates, delivery reports; cards with up to three buttons or one link.
   */
  public static final ChannelCapabilities WHATSAPP_LIKE =
      new ChannelCapabilities(
          4096,
          1024,
          10,
          Map.of(
              MediaKind.IMAGE, 5 * MIB,
              MediaKind.VIDEO, 16 * MIB,
              MediaKind.AUDIO, 16 * MIB,
              MediaKind.DOCUMENT, 100 * MIB,
              MediaKind.STICKER, 500 * KIB),
          Duration.ofHours(24),
          true,
          true,
          new CardLimits(3, 1, false));

  /**
   * A Telegram bot's: texts of 4,096 characters, captions of 1,024, a hundred options to tap;
   * images up to 10 MiB, videos, audio and documents 50 MiB, no stickers; no service window, no
   * templates, no delivery reports.
   */
  public static final ChannelCapabilities TELEGRAM_LIKE =
      new ChannelCapabilities(
          4096,
          1024,
          100,
          Map.of(
              MediaKind.IMAGE, 10 * MIB,
              MediaKind.VIDEO, 50 * MIB,
              MediaKind.AUDIO, 50 * MIB,
              MediaKind.DOCUMENT, 50 * MIB),
          null,
          false,
          false);

  private TestConnections() {}

  /** The {@code default} connection, everyone admitted, on {@code channel}'s channel. */
  public static Connections whatsApp(MessagingChannel channel) {
    return of(List.of(channel), new Connection(DEFAULT, channel.channel()));
  }

  /** {@code connections}, served by {@code channels}. */
  public static Connections of(List<MessagingChannel> channels, Connection... connections) {
    return Connections.of(Arrays.asList(connections), channels);
  }

  /** {@code connections}, all served by {@code channel}. */
  public static Connections of(MessagingChannel channel, Connection... connections) {
    return of(List.of(channel), connections);
  }
}
