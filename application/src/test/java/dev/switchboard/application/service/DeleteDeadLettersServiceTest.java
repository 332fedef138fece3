package dev.switchboard.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.fakes.InMemoryDeadLetters;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.pipeline.DeadLetter;
import dev.switchboard.application.pipeline.DeadLetterFilter;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.port.in.DeleteDeadLetterCommand;
import dev.switchboard.application.port.in.DeleteDeadLettersCommand;
import dev.switchboard.application.port.out.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeleteDeadLettersServiceTest {

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters(clock);
  private final DeleteDeadLettersService service = new DeleteDeadLettersService(deadLetters);

  private void dead(String reason) {
    deadLetters.addWebhook(
        new RawWebhook(TestData.GENESYS, reason.getBytes(StandardCharsets.UTF_8), clock.instant()),
        reason);
  }

  @Test
  void deleting_one_removes_it_and_says_whether_it_existed() {
    dead("a");
    dead("b");
    String id = deadLetters.kept().get(0).id();

    assertThat(service.delete(new DeleteDeadLetterCommand(id))).isTrue();
    assertThat(service.delete(new DeleteDeadLetterCommand(id))).isFalse();
    assertThat(service.delete(new DeleteDeadLetterCommand("nonsense"))).isFalse();

    assertThat(deadLetters.kept()).extracting(DeadLetter::reason).containsExactly("b");
  }

  @Test
  void deleting_by_filter_removes_only_what_it_chooses() {
    dead("bad json");
    clock.advance(Duration.ofHours(2));
    dead("bad json");
    dead("unknown number");
    DeadLetterFilter recentBadJson =
        new DeadLetterFilter(null, null, "BAD", clock.instant().minus(Duration.ofHours(1)), null);

    assertThat(service.delete(new DeleteDeadLettersCommand(recentBadJson))).isEqualTo(1);

    assertThat(deadLetters.kept())
        .extracting(DeadLetter::reason)
        .containsExactly("bad json", "unknown number");
  }

  @Test
  void deleting_by_filter_goes_batch_after_batch() {
    for (int i = 0; i < DeleteDeadLettersService.BATCH + 3; i++) {
      dead("r" + i);
    }
    AtomicInteger batches = new AtomicInteger();
    DeadLetters counting =
        new DeadLetters() {
          @Override
          public void addWebhook(RawWebhook webhook, String reason) {}

          @Override
          public void addOutboxEntry(
              dev.switchboard.application.pipeline.OutboxEntry entry, String reason) {}

          @Override
          public java.util.List<DeadLetter> list(DeadLetterFilter f, int limit, String after) {
            return deadLetters.list(f, limit, after);
          }

          @Override
          public java.util.Optional<DeadLetter> find(String id) {
            return deadLetters.find(id);
          }

          @Override
          public void remove(String id) {}

          @Override
          public int removeMatching(DeadLetterFilter filter, int batch) {
            batches.incrementAndGet();
            return deadLetters.removeMatching(filter, batch);
          }

          @Override
          public int deleteCreatedBefore(java.time.Instant cutoff, int batch) {
            return 0;
          }

          @Override
          public long count() {
            return deadLetters.count();
          }
        };

    int deleted =
        new DeleteDeadLettersService(counting)
            .delete(new DeleteDeadLettersCommand(DeadLetterFilter.ALL));

    assertThat(deleted).isEqualTo(DeleteDeadLettersService.BATCH + 3);
    assertThat(batches).hasValue(2);
    assertThat(deadLetters.kept()).isEmpty();
  }
}
