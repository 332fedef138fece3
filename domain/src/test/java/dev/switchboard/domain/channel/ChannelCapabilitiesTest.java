package dev.switchboard.domain.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.message.MediaKind;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChannelCapabilitiesTest {

  private static final Duration DAY = Duration.ofHours(24);

  private static ChannelCapabilities withMedia(Map<MediaKind, Long> limits) {
    return new ChannelCapabilities(4096, 1024, 10, limits, DAY, true, true);
  }

  @Test
  void a_kind_the_channel_carries_has_its_limit() {
    ChannelCapabilities capabilities =
        withMedia(Map.of(MediaKind.IMAGE, 5L * 1024 * 1024, MediaKind.STICKER, 500L * 1024));

    assertThat(capabilities.mediaLimit(MediaKind.IMAGE)).isEqualTo(OptionalLong.of(5L << 20));
    assertThat(capabilities.mediaLimit(MediaKind.STICKER)).isEqualTo(OptionalLong.of(500L << 10));
  }

  @Test
  void a_kind_the_channel_does_not_carry_has_no_limit() {
    ChannelCapabilities capabilities = withMedia(Map.of(MediaKind.IMAGE, 1024L));

    assertThat(capabilities.mediaLimit(MediaKind.STICKER)).isEmpty();
    assertThat(capabilities.mediaLimit(MediaKind.DOCUMENT)).isEmpty();
    assertThat(withMedia(Map.of()).mediaLimit(MediaKind.IMAGE)).isEmpty();
  }

  @Test
  void the_media_limits_are_its_own_copy() {
    Map<MediaKind, Long> limits = new EnumMap<>(MediaKind.class);
    limits.put(MediaKind.IMAGE, 1024L);
    ChannelCapabilities capabilities = withMedia(limits);

    limits.put(MediaKind.VIDEO, 2048L);

    assertThat(capabilities.mediaLimits()).containsOnlyKeys(MediaKind.IMAGE);
    assertThat(capabilities.mediaLimit(MediaKind.VIDEO)).isEmpty();
    assertThatThrownBy(() -> capabilities.mediaLimits().put(MediaKind.AUDIO, 1L))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void a_channel_with_a_window_says_so_and_one_without_does_not() {
    assertThat(TestChannels.WHATSAPP_LIKE.hasServiceWindow()).isTrue();
    assertThat(TestChannels.WHATSAPP_LIKE.serviceWindow()).isEqualTo(DAY);
    assertThat(TestChannels.TELEGRAM_LIKE.hasServiceWindow()).isFalse();
    assertThat(TestChannels.TELEGRAM_LIKE.serviceWindow()).isNull();
  }

  static Stream<Arguments> invalid() {
    Map<MediaKind, Long> nullLimit = new HashMap<>();
    nullLimit.put(MediaKind.IMAGE, null);
    return Stream.of(
        Arguments.of(
            "a text limit of 0",
            (Executable) () -> new ChannelCapabilities(0, 1024, 10, Map.of(), DAY, true, true),
            IllegalArgumentException.class),
        Arguments.of(
            "a negative caption limit",
            (Executable) () -> new ChannelCapabilities(4096, -1, 10, Map.of(), DAY, true, true),
            IllegalArgumentException.class),
        Arguments.of(
            "no option to tap",
            (Executable) () -> new ChannelCapabilities(4096, 1024, 0, Map.of(), DAY, true, true),
            IllegalArgumentException.class),
        Arguments.of(
            "no media limits at all",
            (Executable) () -> new ChannelCapabilities(4096, 1024, 10, null, DAY, true, true),
            NullPointerException.class),
        Arguments.of(
            "a media limit of 0",
            (Executable) () -> withMedia(Map.of(MediaKind.IMAGE, 0L)),
            IllegalArgumentException.class),
        Arguments.of(
            "a negative media limit",
            (Executable) () -> withMedia(Map.of(MediaKind.VIDEO, -5L)),
            IllegalArgumentException.class),
        Arguments.of(
            "a missing media limit",
            (Executable) () -> withMedia(nullLimit),
            NullPointerException.class),
        Arguments.of(
            "a zero service window",
            (Executable)
                () -> new ChannelCapabilities(4096, 1024, 10, Map.of(), Duration.ZERO, true, true),
            IllegalArgumentException.class),
        Arguments.of(
            "a negative service window",
            (Executable)
                () ->
                    new ChannelCapabilities(
                        4096, 1024, 10, Map.of(), Duration.ofHours(-1), true, true),
            IllegalArgumentException.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalid_limits_are_refused(
      String name, Executable construction, Class<? extends Throwable> expected) {
    assertThatThrownBy(construction::execute).isInstanceOf(expected);
  }
}
