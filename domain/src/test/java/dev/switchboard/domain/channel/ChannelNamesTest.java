package dev.switchboard.domain.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.customer.ReplyRoute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The names of channels and connections, and the reply routes channels hand the core. */
class ChannelNamesTest {

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {"whatsapp", "telegram", "x", "line-2", "a234567890123456789012345678901b"})
  void a_channel_is_named_in_lower_case_letters_digits_and_dashes(String name) {
    ChannelId channel = new ChannelId(name);

    assertThat(channel.value()).isEqualTo(name);
    assertThat(channel).hasToString(name);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "",
        " ",
        "WhatsApp",
        "2whatsapp",
        "-telegram",
        "what sapp",
        "whats_app",
        "a2345678901234567890123456789012b"
      })
  void other_channel_names_are_refused(String name) {
    assertThatThrownBy(() -> new ChannelId(name)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_channel_needs_a_name() {
    assertThatThrownBy(() -> new ChannelId(null)).isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"default", "sales", "2", "eu1", "a2345678901234567890123456789012"})
  void a_connection_is_named_in_1_to_32_lower_case_letters_and_digits(String name) {
    assertThat(ConnectionId.isValid(name)).isTrue();
    assertThat(new ConnectionId(name).value()).isEqualTo(name);
    assertThat(new ConnectionId(name)).hasToString(name);
  }

  @ParameterizedTest(name = "[{0}]")
  @NullSource
  @ValueSource(
      strings = {
        "",
        " ",
        "Sales",
        "sales-eu",
        "sales_eu",
        "sales eu",
        "a23456789012345678901234567890123"
      })
  void other_connection_names_are_refused(String name) {
    assertThat(ConnectionId.isValid(name)).isFalse();
    assertThatThrownBy(() -> new ConnectionId(name)).isInstanceOf(RuntimeException.class);
  }

  @Test
  void the_default_connection_is_named_default() {
    assertThat(ConnectionId.DEFAULT).isEqualTo(new ConnectionId("default"));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"PN1", "-1001234567890", "chat:42/thread:7", " x "})
  void a_reply_route_is_kept_as_the_channel_gave_it(String value) {
    assertThat(new ReplyRoute(value).value()).isEqualTo(value);
  }

  @Test
  void a_reply_route_may_be_up_to_256_characters() {
    assertThat(new ReplyRoute("r".repeat(ReplyRoute.MAX_LENGTH)).value())
        .hasSize(ReplyRoute.MAX_LENGTH);
    assertThat(ReplyRoute.MAX_LENGTH).isEqualTo(256);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "  ", "\n"})
  void a_blank_reply_route_is_refused(String value) {
    assertThatThrownBy(() -> new ReplyRoute(value)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_longer_reply_route_is_refused() {
    assertThatThrownBy(() -> new ReplyRoute("r".repeat(ReplyRoute.MAX_LENGTH + 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReplyRoute(null)).isInstanceOf(NullPointerException.class);
  }
}
