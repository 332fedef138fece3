package dev.switchboard.application.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.pipeline.DeadLetter;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.WebhookSource;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fake pages and purges as a table with a growing id would. */
class InMemoryDeadLettersTest {

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final Instant t0 = clock.instant();
  private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters(clock);

  private String add(String reason) {
    deadLetters.addWebhook(new RawWebhook(WebhookSource.of("whatsapp"), new byte[0], t0), reason);
    return deadLetters.kept().get(deadLetters.kept().size() - 1).id();
  }

  @Test
  void a_page_continues_after_its_cursor_even_when_that_letter_was_removed() {
    add("1");
    String second = add("2");
    add("3");

    deadLetters.remove(second);

    assertThat(deadLetters.list(10, second)).extracting(DeadLetter::reason).containsExactly("3");
  }

  @Test
  void a_cursor_that_is_not_one_of_its_ids_finds_nothing() {
    add("1");

    assertThat(deadLetters.list(10, "not-an-id")).isEmpty();
    assertThat(deadLetters.find("not-an-id")).isEmpty();
  }

  @Test
  void purging_deletes_at_most_a_batch_of_those_set_aside_before_the_cutoff() {
    add("old 1");
    add("old 2");
    add("old 3");
    clock.advance(Duration.ofDays(1));
    add("new");

    assertThat(deadLetters.deleteCreatedBefore(clock.instant(), 2)).isEqualTo(2);
    assertThat(deadLetters.deleteCreatedBefore(clock.instant(), 2)).isEqualTo(1);
    assertThat(deadLetters.deleteCreatedBefore(clock.instant(), 2)).isZero();

    assertThat(deadLetters.kept()).extracting(DeadLetter::reason).containsExactly("new");
    assertThat(deadLetters.webhooks()).hasSize(4); // the history of what was set aside stays
  }
}
