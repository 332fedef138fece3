package dev.switchboard.application.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.pipeline.DeadLetterFilter.Kind;
import dev.switchboard.domain.channel.ConnectionId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadLetterFilterTest {

  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
  private static final ConnectionId SALES = new ConnectionId("sales");

  private static DeadLetter webhook(ConnectionId connection, String reason, Instant at) {
    return new DeadLetter(
        "1",
        reason,
        at,
        new RawWebhook(
            WebhookSource.of("telegram", connection), "x".getBytes(StandardCharsets.UTF_8), at),
        null);
  }

  @Test
  void each_criterion_narrows_the_choice() {
    DeadLetter letter = webhook(SALES, "Not Understood: bad JSON", T);

    assertThat(DeadLetterFilter.ALL.matches(letter)).isTrue();
    assertThat(
            new DeadLetterFilter(Kind.WEBHOOK, SALES, "bad json", T, T.plusSeconds(1))
                .matches(letter))
        .isTrue();
    assertThat(new DeadLetterFilter(Kind.OUTBOX, null, null, null, null).matches(letter)).isFalse();
    assertThat(new DeadLetterFilter(null, ConnectionId.DEFAULT, null, null, null).matches(letter))
        .isFalse();
    assertThat(new DeadLetterFilter(null, null, "refused", null, null).matches(letter)).isFalse();
    assertThat(new DeadLetterFilter(null, null, null, T.plusSeconds(1), null).matches(letter))
        .isFalse();
    assertThat(new DeadLetterFilter(null, null, null, null, T).matches(letter))
        .as("to is exclusive")
        .isFalse();
  }

  @Test
  void bad_criteria_are_refused_with_a_precise_message() {
    assertThatThrownBy(() -> Kind.parse("webhooks"))
        .hasMessage("unknown kind 'webhooks': webhook or outbox");
    assertThatThrownBy(() -> new DeadLetterFilter(null, null, null, T.plusSeconds(1), T))
        .hasMessage("from (2026-03-01T10:00:01Z) is after to (2026-03-01T10:00:00Z)");
    assertThatThrownBy(() -> new DeadLetterFilter(null, null, "", null, null))
        .hasMessageContaining("reason must be 1 to");
  }

  @Test
  void until_narrows_the_end_but_never_widens_it() {
    assertThat(DeadLetterFilter.ALL.until(T).to()).isEqualTo(T);
    DeadLetterFilter closed = new DeadLetterFilter(null, null, null, null, T);
    assertThat(closed.until(T.plusSeconds(60)).to()).isEqualTo(T);
    DeadLetterFilter future = new DeadLetterFilter(null, null, null, T.plusSeconds(60), null);
    assertThat(future.until(T).from()).isEqualTo(T);
  }

  @Test
  void describe_names_the_criteria() {
    assertThat(DeadLetterFilter.ALL.describe()).isEqualTo("(all)");
    assertThat(new DeadLetterFilter(Kind.OUTBOX, SALES, "503", T, null).describe())
        .isEqualTo("kind=outbox connection=sales reason=\"503\" from=2026-03-01T10:00:00Z");
  }
}
