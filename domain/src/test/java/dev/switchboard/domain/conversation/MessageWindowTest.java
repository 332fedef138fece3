package dev.switchboard.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageWindowTest {

  private static final Instant WROTE = Instant.parse("2025-03-01T10:15:30Z");
  private static final Duration DAY = Duration.ofHours(24);

  static Stream<Arguments> times_after_the_customer_wrote() {
    return Stream.of(
        Arguments.of("at the message itself", Duration.ZERO, true),
        Arguments.of("just after", Duration.ofNanos(1), true),
        Arguments.of("an hour after", Duration.ofHours(1), true),
        Arguments.of("24h minus 1 ms", DAY.minusMillis(1), true),
        Arguments.of("24h minus 1 ns", DAY.minusNanos(1), true),
        Arguments.of("exactly 24h", DAY, false),
        Arguments.of("24h plus 1 ns", DAY.plusNanos(1), false),
        Arguments.of("a week after", Duration.ofDays(7), false),
        Arguments.of(
            "before it (clock skew: the message is ahead of us)", Duration.ofSeconds(-5), true));
  }

  @ParameterizedTest(name = "{0}: open={2}")
  @MethodSource("times_after_the_customer_wrote")
  void is_open_for_24_hours_after_the_customers_last_message(
      String when, Duration sinceMessage, boolean open) {
    MessageWindow window = MessageWindow.neverOpened().reopenedBy(WROTE);

    assertThat(window.isOpenAt(WROTE.plus(sinceMessage), DAY)).isEqualTo(open);
  }

  @Test
  void a_window_never_opened_is_closed_at_any_time() {
    MessageWindow never = MessageWindow.neverOpened();

    assertThat(never.isOpenAt(WROTE, DAY)).isFalse();
    assertThat(never.isOpenAt(Instant.EPOCH, DAY)).isFalse();
    assertThat(never.isOpenAt(Instant.MAX, DAY)).isFalse();
    assertThat(never.closesAt(DAY)).isEmpty();
    assertThat(never.lastCustomerMessageAt()).isNull();
  }

  @Test
  void closes_24_hours_after_the_last_message() {
    assertThat(MessageWindow.neverOpened().reopenedBy(WROTE).closesAt(DAY))
        .contains(WROTE.plus(DAY));
  }

  @Test
  void a_newer_message_moves_the_window() {
    Instant later = WROTE.plus(Duration.ofHours(20));

    MessageWindow window = MessageWindow.neverOpened().reopenedBy(WROTE).reopenedBy(later);

    assertThat(window.lastCustomerMessageAt()).isEqualTo(later);
    assertThat(window.isOpenAt(WROTE.plus(DAY), DAY)).isTrue();
    assertThat(window.isOpenAt(later.plus(DAY), DAY)).isFalse();
  }

  @Test
  void a_late_older_message_never_shrinks_the_window() {
    MessageWindow latest = MessageWindow.neverOpened().reopenedBy(WROTE);

    MessageWindow afterLateWebhook = latest.reopenedBy(WROTE.minus(Duration.ofHours(3)));

    assertThat(afterLateWebhook).isEqualTo(latest);
    assertThat(afterLateWebhook.isOpenAt(WROTE.plus(DAY).minusNanos(1), DAY)).isTrue();
  }

  @Test
  void a_message_at_the_same_time_changes_nothing() {
    MessageWindow latest = MessageWindow.neverOpened().reopenedBy(WROTE);

    assertThat(latest.reopenedBy(WROTE)).isEqualTo(latest);
  }

  @Test
  void a_message_dated_in_the_future_opens_the_window_until_24_hours_after_its_time() {
    Instant now = WROTE;
    Instant ahead = now.plus(Duration.ofMinutes(2));

    MessageWindow window = MessageWindow.neverOpened().reopenedBy(ahead);

    assertThat(window.isOpenAt(now, DAY)).isTrue();
    assertThat(window.closesAt(DAY)).contains(ahead.plus(DAY));
    assertThat(window.isOpenAt(ahead.plus(DAY).minusNanos(1), DAY)).isTrue();
    assertThat(window.isOpenAt(ahead.plus(DAY), DAY)).isFalse();
  }

  @Test
  void the_window_lasts_as_long_as_the_length_given() {
    Duration hour = Duration.ofHours(1);
    MessageWindow window = MessageWindow.neverOpened().reopenedBy(WROTE);

    assertThat(window.isOpenAt(WROTE.plus(hour).minusNanos(1), hour)).isTrue();
    assertThat(window.isOpenAt(WROTE.plus(hour), hour)).isFalse();
    assertThat(window.isOpenAt(WROTE.plus(hour), DAY)).isTrue();
    assertThat(window.closesAt(hour)).contains(WROTE.plus(hour));
  }
}
