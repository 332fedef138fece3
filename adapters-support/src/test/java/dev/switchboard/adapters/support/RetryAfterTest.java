package dev.switchboard.adapters.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2015-10-21T07:27:30Z");

  @Test
  void delta_seconds() {
    assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 0 ", NOW)).isEqualTo(Duration.ZERO);
  }

  @Test
  void an_http_date_is_the_time_until_then() {
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", NOW))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:29:00 GMT", NOW))
        .isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void a_date_in_the_past_means_no_wait() {
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
  }

  @Test
  void a_wild_wait_is_capped() {
    assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isEqualTo(RetryAfter.LONGEST);
    assertThat(RetryAfter.parse("86400", NOW)).isEqualTo(RetryAfter.LONGEST);
    assertThat(RetryAfter.parse("Thu, 22 Oct 2015 07:27:30 GMT", NOW))
        .isEqualTo(RetryAfter.LONGEST);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  ", "soon", "-5", "1.5", "Wednesday", "2015-10-21T07:28:00Z"})
  void anything_else_is_no_answer(String header) {
    assertThat(RetryAfter.parse(header, NOW)).isNull();
  }
}
