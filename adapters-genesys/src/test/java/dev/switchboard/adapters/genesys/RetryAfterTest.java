package dev.switchboard.adapters.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2025-06-10T21:00:00Z");

  @Test
  void reads_delta_seconds() {
    assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 0 ", NOW)).isEqualTo(Duration.ZERO);
  }

  @Test
  void reads_an_http_date_as_the_time_until_then() {
    assertThat(RetryAfter.parse("Tue, 10 Jun 2025 21:01:30 GMT", NOW))
        .isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void a_date_in_the_past_means_at_once() {
    assertThat(RetryAfter.parse("Tue, 10 Jun 2025 20:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  ", "soon", "-5", "1.5", "2025-06-10T21:01:30Z"})
  void anything_else_says_nothing(String header) {
    assertThat(RetryAfter.parse(header, NOW)).isNull();
  }
}
