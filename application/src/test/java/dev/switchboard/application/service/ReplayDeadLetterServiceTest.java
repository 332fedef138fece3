package dev.switchboard.application.service;

import static dev.switchboard.application.service.TestData.ALICE;
import static dev.switchboard.application.service.TestData.DEFAULT;
import static dev.switchboard.application.service.TestData.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.fakes.InMemoryDeadLetters;
import dev.switchboard.application.fakes.InMemoryInbox;
import dev.switchboard.application.fakes.InMemoryOutbox;
import dev.switchboard.application.fakes.InMemoryTransactions;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.fakes.WakeupProbe;
import dev.switchboard.application.pipeline.DeadLetter;
import dev.switchboard.application.pipeline.DeadLetterFilter;
import dev.switchboard.application.pipeline.DeadLetterFilter.Kind;
import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.port.in.ReplayDeadLetterCommand;
import dev.switchboard.application.port.in.ReplayDeadLetterUseCase.Result;
import dev.switchboard.application.port.in.ReplayDeadLettersCommand;
import dev.switchboard.application.port.out.Transactions;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ReplayDeadLetterServiceTest {

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters(clock);
  private final InMemoryInbox inbox = new InMemoryInbox();
  private final InMemoryOutbox outbox = new InMemoryOutbox(clock);
  private final Wakeup processor = new Wakeup();
  private final Wakeup dispatcher = new Wakeup();

  /** What the outbox and the dead letters held before and after each unit of work. */
  private final List<String> units = new ArrayList<>();

  private final Transactions transactions =
      new Transactions() {
        private final InMemoryTransactions delegate = new InMemoryTransactions();

        @Override
        public <T> T inTransaction(Supplier<T> work) {
          String before = outbox.pending() + " pending, " + deadLetters.kept().size() + " dead";
          T result = delegate.inTransaction(work);
          units.add(
              before
                  + " -> "
                  + outbox.pending()
                  + " pending, "
                  + deadLetters.kept().size()
                  + " dead");
          return result;
        }
      };

  private ReplayDeadLetterService service(Transactions transactions) {
    return new ReplayDeadLetterService(
        deadLetters, inbox, outbox, transactions, processor, dispatcher, clock);
  }

  private int replayMatching(DeadLetterFilter filter) {
    return service(transactions).replay(new ReplayDeadLettersCommand(filter));
  }

  private Result replay(String id) {
    return service(transactions).replay(new ReplayDeadLetterCommand(id));
  }

  private RawWebhook webhook(String body) {
    return new RawWebhook(TestData.GENESYS, body.getBytes(StandardCharsets.UTF_8), clock.instant());
  }

  private static OutboxItem receipt(String genesysId) {
    return new OutboxItem.ReportToContactCenter(
        DEFAULT, DeliveryReceipt.delivered(genesysId, ALICE, java.time.Instant.EPOCH));
  }

  private DeadLetter deadWebhook(String body) {
    deadLetters.addWebhook(webhook(body), "processing failed");
    return deadLetters.kept().get(deadLetters.kept().size() - 1);
  }

  private DeadLetter deadEntry(OutboxItem item) {
    OutboxEntry entry =
        new OutboxEntry(41, Lanes.toContactCenter(key(ALICE)), item, 9, clock.instant());
    deadLetters.addOutboxEntry(entry, "gave up retrying: HTTP 503");
    return deadLetters.kept().get(deadLetters.kept().size() - 1);
  }

  @Test
  void a_dead_webhook_goes_back_into_the_inbox_as_it_arrived_and_leaves_the_dead_letters() {
    RawWebhook webhook = webhook("{\"id\":\"gen-1\"}");
    deadLetters.addWebhook(webhook, "processing failed");
    String id = deadLetters.kept().get(0).id();

    assertThat(replay(id)).isEqualTo(Result.REPLAYED);

    assertThat(inbox.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.webhook().source()).isEqualTo(TestData.GENESYS);
              assertThat(e.webhook().body()).isEqualTo(webhook.body());
              assertThat(e.failedAttempts()).isZero();
            });
    assertThat(deadLetters.kept()).isEmpty();
    assertThat(outbox.pending()).isZero();
  }

  @Test
  void replaying_a_webhook_wakes_the_processor_not_the_dispatcher() {
    String id = deadWebhook("w").id();

    replay(id);

    assertThat(WakeupProbe.wasSignalled(processor)).isTrue();
    assertThat(WakeupProbe.wasSignalled(dispatcher)).isFalse();
  }

  @Test
  void a_webhook_is_stored_in_the_inbox_before_its_dead_letter_is_removed() {
    String id = deadWebhook("w").id();
    Transactions down =
        new Transactions() {
          @Override
          public <T> T inTransaction(Supplier<T> work) {
            throw new IllegalStateException("database down");
          }
        };

    assertThatThrownBy(() -> service(down).replay(new ReplayDeadLetterCommand(id)))
        .hasMessage("database down");

    // at worst it is replayed twice, which processing de-duplicates; it is never lost
    assertThat(inbox.events()).hasSize(1);
    assertThat(deadLetters.kept()).extracting(DeadLetter::id).containsExactly(id);
  }

  @Test
  void a_webhook_the_inbox_cannot_take_stays_in_the_dead_letters() {
    String id = deadWebhook("w").id();
    inbox.failNextAppend(new IllegalStateException("inbox full"));

    assertThatThrownBy(() -> replay(id)).hasMessage("inbox full");

    assertThat(deadLetters.kept()).extracting(DeadLetter::id).containsExactly(id);
    assertThat(WakeupProbe.wasSignalled(processor)).isFalse();
  }

  @Test
  void a_dead_outbox_entry_is_enqueued_afresh_at_the_end_of_its_lane() {
    outbox.enqueue(Lanes.toContactCenter(key(ALICE)), receipt("gen-0"));
    clock.advance(Duration.ofMinutes(1));
    String id = deadEntry(receipt("gen-1")).id();

    assertThat(replay(id)).isEqualTo(Result.REPLAYED);

    assertThat(outbox.itemsIn(Lanes.toContactCenter(key(ALICE))))
        .containsExactly(receipt("gen-0"), receipt("gen-1"));
    OutboxEntry replayed = outbox.entries().get(1);
    assertThat(replayed.failedAttempts()).isZero();
    assertThat(replayed.enqueuedAt()).isEqualTo(clock.instant());
    assertThat(deadLetters.kept()).isEmpty();
    assertThat(inbox.events()).isEmpty();
  }

  @Test
  void an_outbox_entry_is_enqueued_and_its_dead_letter_removed_in_one_transaction() {
    String id = deadEntry(receipt("gen-1")).id();

    replay(id);

    assertThat(units).containsExactly("0 pending, 1 dead -> 1 pending, 0 dead");
  }

  @Test
  void replaying_an_outbox_entry_wakes_the_dispatcher_not_the_processor() {
    String id = deadEntry(receipt("gen-1")).id();

    replay(id);

    assertThat(WakeupProbe.wasSignalled(dispatcher)).isTrue();
    assertThat(WakeupProbe.wasSignalled(processor)).isFalse();
  }

  @Test
  void an_unknown_id_is_not_found_and_changes_nothing() {
    deadWebhook("w");

    assertThat(replay("999")).isEqualTo(Result.NOT_FOUND);
    assertThat(replay("not-an-id")).isEqualTo(Result.NOT_FOUND);

    assertThat(deadLetters.kept()).hasSize(1);
    assertThat(inbox.events()).isEmpty();
    assertThat(outbox.pending()).isZero();
    assertThat(units).isEmpty();
    assertThat(WakeupProbe.wasSignalled(processor)).isFalse();
  }

  @Test
  void a_dead_letter_is_replayed_once() {
    String id = deadEntry(receipt("gen-1")).id();

    assertThat(replay(id)).isEqualTo(Result.REPLAYED);
    assertThat(replay(id)).isEqualTo(Result.NOT_FOUND);

    assertThat(outbox.pending()).isEqualTo(1);
  }

  @Test
  void a_replay_by_filter_puts_back_only_the_letters_it_chooses() {
    deadWebhook("w1");
    deadEntry(receipt("gen-1"));
    DeadLetter other = deadEntry(receipt("gen-2"));
    deadLetters.remove(other.id());
    deadLetters.addOutboxEntry(other.entry(), "refused for good: blocked");

    int replayed =
        replayMatching(new DeadLetterFilter(Kind.OUTBOX, DEFAULT, "HTTP 503", null, null));

    assertThat(replayed).isEqualTo(1);
    assertThat(outbox.items()).containsExactly(receipt("gen-1"));
    assertThat(inbox.events()).isEmpty();
    assertThat(deadLetters.kept())
        .extracting(DeadLetter::reason)
        .containsExactly("processing failed", "refused for good: blocked");
  }

  @Test
  void a_replay_by_filter_works_in_batches_of_one_transaction_each() {
    for (int i = 0; i < ReplayDeadLetterService.BATCH * 2 + 5; i++) {
      deadEntry(receipt("gen-" + i));
    }
    deadWebhook("w");

    int replayed = replayMatching(DeadLetterFilter.ALL);

    assertThat(replayed).isEqualTo(ReplayDeadLetterService.BATCH * 2 + 6);
    assertThat(units).hasSize(3);
    assertThat(units.get(0)).endsWith((ReplayDeadLetterService.BATCH * 2 + 6 - 100) + " dead");
    assertThat(outbox.pending()).isEqualTo(ReplayDeadLetterService.BATCH * 2 + 5);
    assertThat(inbox.events()).hasSize(1);
    assertThat(deadLetters.kept()).isEmpty();
    assertThat(WakeupProbe.wasSignalled(processor)).isTrue();
    assertThat(WakeupProbe.wasSignalled(dispatcher)).isTrue();
  }

  @Test
  void a_replay_by_filter_leaves_the_letters_set_aside_after_it_began() {
    deadWebhook("w1");
    DeadLetterFilter future =
        new DeadLetterFilter(null, null, null, null, clock.instant().plus(Duration.ofDays(1)));
    Transactions failingAgain =
        new Transactions() {
          @Override
          public <T> T inTransaction(Supplier<T> work) {
            T result = transactions.inTransaction(work);
            clock.advance(Duration.ofSeconds(1));
            deadLetters.addWebhook(webhook("again"), "processing failed");
            return result;
          }
        };

    int replayed = service(failingAgain).replay(new ReplayDeadLettersCommand(future));

    assertThat(replayed).isEqualTo(1);
    assertThat(deadLetters.kept())
        .singleElement()
        .satisfies(l -> assertThat(l.at()).isAfter(inbox.events().get(0).webhook().receivedAt()));
  }

  @Test
  void a_replay_by_filter_that_chooses_nothing_changes_nothing() {
    deadWebhook("w1");

    assertThat(replayMatching(new DeadLetterFilter(Kind.OUTBOX, null, null, null, null))).isZero();

    assertThat(deadLetters.kept()).hasSize(1);
    assertThat(units).isEmpty();
  }
}
