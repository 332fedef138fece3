package dev.switchboard.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

  private static final Duration BASE = Duration.ofMillis(500);
  private static final Duration CAP = Duration.ofMinutes(5);
  private static final Duration GIVE_UP = Duration.ofHours(24);

  private static RetryPolicy policy(RandomGenerator random) {
    return new RetryPolicy(BASE, CAP, GIVE_UP, random);
  }

  @ParameterizedTest(name = "retry {0}: between {1} and {2} ms")
  @CsvSource({
    "1,              250,    500",
    "2,              500,   1000",
    "3,             1000,   2000",
    "4,             2000,   4000",
    "5,             4000,   8000",
    "6,             8000,  16000",
    "7,            16000,  32000",
    "8,            32000,  64000",
    "9,            64000, 128000",
    "10,          128000, 256000",
    "11,          150000, 300000",
    "12,          150000, 300000",
    "64,          150000, 300000",
    "2147483647,  150000, 300000"
  })
  void waits_between_half_and_all_of_the_doubling_capped_step(
      int retry, long lowest, long highest) {
    assertThat(policy(FixedRandom.lowest()).delayBefore(retry, null))
        .isEqualTo(Duration.ofMillis(lowest));
    assertThat(policy(FixedRandom.highest()).delayBefore(retry, null))
        .isEqualTo(Duration.ofMillis(highest));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 42, 20250301, -7})
  void seeded_jitter_stays_within_the_bounds(long seed) {
    RetryPolicy seeded = policy(new Random(seed));

    for (int retry = 1; retry <= 20; retry++) {
      long step = Math.min(BASE.toMillis() << Math.min(retry - 1, 20), CAP.toMillis());
      assertThat(seeded.delayBefore(retry, null).toMillis())
          .as("retry %d", retry)
          .isBetween(step / 2, step);
    }
  }

  @Test
  void seeded_jitter_varies() {
    RetryPolicy seeded = policy(new Random(42));

    assertThat(
            java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> seeded.delayBefore(10, null))
                .distinct()
                .count())
        .isGreaterThan(1);
  }

  @ParameterizedTest(name = "retry {0}, Retry-After {1} ms -> {2} ms")
  @CsvSource({
    "1,  10000,  10000", // asked for more than the backoff: the other side wins
    "1,    501,    501",
    "1,    500,    500", // equal
    "1,    100,    500", // asked for less: the backoff wins
    "1,      0,    500",
    "12, 600000, 600000", // even beyond the cap
    "12,  60000, 300000"
  })
  void retry_after_wins_when_it_is_longer(int retry, long retryAfterMillis, long expected) {
    assertThat(
            policy(FixedRandom.highest()).delayBefore(retry, Duration.ofMillis(retryAfterMillis)))
        .isEqualTo(Duration.ofMillis(expected));
  }

  @ParameterizedTest(name = "age {0} -> gives up: {1}")
  @CsvSource({
    "PT0S, false",
    "PT1M, false",
    "PT23H59M59.999999999S, false",
    "PT24H, true",
    "PT24H0.000000001S, true",
    "P3D, true"
  })
  void gives_up_once_the_entry_is_as_old_as_the_limit(Duration age, boolean givesUp) {
    assertThat(policy(FixedRandom.lowest()).givesUp(age)).isEqualTo(givesUp);
  }

  @ParameterizedTest(name = "retry {0}")
  @ValueSource(ints = {0, -1})
  void retries_count_from_one(int retry) {
    assertThatThrownBy(() -> policy(FixedRandom.lowest()).delayBefore(retry, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_step_that_does_not_halve_evenly_rounds_the_lower_bound_down() {
    RetryPolicy odd =
        new RetryPolicy(Duration.ofMillis(3), Duration.ofMillis(3), GIVE_UP, FixedRandom.lowest());

    assertThat(odd.delayBefore(1, null)).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void the_backoff_needs_a_positive_base_no_larger_than_the_cap() {
    assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, CAP, GIVE_UP, FixedRandom.lowest()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new RetryPolicy(Duration.ofSeconds(-1), CAP, GIVE_UP, FixedRandom.lowest()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new RetryPolicy(Duration.ofMinutes(6), CAP, GIVE_UP, FixedRandom.lowest()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_standard_policy_starts_at_half_a_second_and_gives_up_after_a_day() {
    RetryPolicy standard = RetryPolicy.standard();

    assertThat(standard.delayBefore(1, null))
        .isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    assertThat(standard.delayBefore(100, null))
        .isBetween(Duration.ofMinutes(2).plusSeconds(30), CAP);
    assertThat(standard.givesUp(Duration.ofHours(24))).isTrue();
    assertThat(standard.givesUp(Duration.ofHours(23))).isFalse();
  }
}
