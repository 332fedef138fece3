package dev.switchboard.application.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fake keeps the real outbox's rules, which the service tests rely on. */
class InMemoryOutboxTest {

  private static final CustomerId ALICE = CustomerId.phone("16505551234");

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final Instant t0 = clock.instant();
  private final InMemoryOutbox outbox = new InMemoryOutbox(clock, Duration.ofMinutes(1));

  private static OutboxItem receipt(String id) {
    return new OutboxItem.ReportToContactCenter(
        ConnectionId.DEFAULT, DeliveryReceipt.delivered(id, ALICE, Instant.EPOCH));
  }

  @Test
  void only_the_head_of_each_lane_is_claimed_in_id_order() {
    outbox.enqueue("a", receipt("a1"));
    outbox.enqueue("b", receipt("b1"));
    outbox.enqueue("a", receipt("a2"));

    assertThat(outbox.claimDue(t0, 10))
        .extracting(OutboxEntry::item)
        .containsExactly(receipt("a1"), receipt("b1"));
  }

  @Test
  void a_claimed_entry_is_not_claimed_again_until_its_lease_runs_out() {
    outbox.enqueue("a", receipt("a1"));
    long id = outbox.claimDue(t0, 1).get(0).id();

    assertThat(outbox.claimDue(t0.plusSeconds(59), 1)).isEmpty();
    assertThat(outbox.isClaimed(id, t0.plusSeconds(59))).isTrue();
    assertThat(outbox.claimDue(t0.plusSeconds(60), 1))
        .extracting(OutboxEntry::id)
        .containsExactly(id);
  }

  @Test
  void a_postponed_entry_counts_the_failure_and_is_due_again_at_the_given_time() {
    outbox.enqueue("a", receipt("a1"));
    outbox.enqueue("a", receipt("a2"));
    long id = outbox.claimDue(t0, 1).get(0).id();

    outbox.postpone(id, t0.plusSeconds(10), "HTTP 503");

    assertThat(outbox.claimDue(t0.plusSeconds(9), 10)).isEmpty();
    OutboxEntry again = outbox.claimDue(t0.plusSeconds(10), 10).get(0);
    assertThat(again.id()).isEqualTo(id);
    assertThat(again.failedAttempts()).isEqualTo(1);
    assertThat(again.enqueuedAt()).isEqualTo(t0);
    assertThat(outbox.lastError(id)).contains("HTTP 503");
  }

  @Test
  void completing_the_head_moves_the_lane_on() {
    outbox.enqueue("a", receipt("a1"));
    outbox.enqueue("a", receipt("a2"));

    outbox.complete(outbox.claimDue(t0, 1).get(0).id());

    assertThat(outbox.claimDue(t0, 1)).extracting(OutboxEntry::item).containsExactly(receipt("a2"));
    assertThat(outbox.pending()).isEqualTo(1);
  }

  @Test
  void releasing_all_claims_makes_claimed_entries_claimable() {
    outbox.enqueue("a", receipt("a1"));
    outbox.claimDue(t0, 1);

    outbox.releaseAllClaims();

    assertThat(outbox.claimDue(t0, 1)).hasSize(1);
  }

  @Test
  void releasing_expired_claims_frees_only_those_whose_lease_ran_out() {
    outbox.enqueue("a", receipt("a1"));
    outbox.enqueue("b", receipt("b1"));
    long early = outbox.claimDue(t0, 1).get(0).id();
    long late = outbox.claimDue(t0.plusSeconds(30), 1).get(0).id();

    assertThat(outbox.releaseExpiredClaims(t0.plusSeconds(59))).isZero();
    assertThat(outbox.releaseExpiredClaims(t0.plusSeconds(60))).isEqualTo(1);

    assertThat(outbox.isClaimed(early, t0.plusSeconds(60))).isFalse();
    assertThat(outbox.isClaimed(late, t0.plusSeconds(60))).isTrue();
    assertThat(outbox.releaseExpiredClaims(t0.plusSeconds(60))).isZero();
  }

  @Test
  void entries_are_stamped_with_the_clock_and_due_at_once() {
    clock.advance(Duration.ofSeconds(3));
    outbox.enqueue("a", receipt("a1"));

    OutboxEntry entry = outbox.entries().get(0);
    assertThat(entry.enqueuedAt()).isEqualTo(t0.plusSeconds(3));
    assertThat(outbox.dueAt(entry.id())).contains(t0.plusSeconds(3));
    assertThat(outbox.claimDue(t0.plusSeconds(2), 1)).isEmpty();
  }
}
