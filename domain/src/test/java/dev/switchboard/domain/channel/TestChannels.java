package dev.switchboard.domain.channel;

import dev.switchboard.domain.message.MediaKind;
import java.time.Duration;
import java.util.Map;

/** Capabilities like those of the channels the bridge knows, for the domain's tests. */
public final class TestChannels {

  private static final long KIB = 1024;
  private static final long MIB = 1024 * KIB;

  public static final ChannelId WHATSAPP = new ChannelId("whatsapp");
  public static final ChannelId TELEGRAM = new ChannelId("telegram");

  /** WhatsApp's: a 24-hour window, templates, delivery reports. */
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

  /** A Telegram bot's: no window, no templates, no delivery reports. */
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

  private TestChannels() {}
}
