package dev.switchboard.application.service;

import static dev.switchboard.application.service.TestData.ALICE;
import static dev.switchboard.application.service.TestData.BOB;
import static dev.switchboard.application.service.TestData.DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.fakes.InMemoryOutbox;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.fakes.WakeupProbe;
import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.port.in.SweepStuckWorkCommand;
import dev.switchboard.application.testing.CapturedLog;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class SweepStuckWorkServiceTest {

  private static final Duration LEASE = Duration.ofMinutes(5);

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final Instant t0 = clock.instant();
  private final InMemoryOutbox outbox = new InMemoryOutbox(clock, LEASE);
  private final Wakeup dispatcher = new Wakeup();
  private final SweepStuckWorkService service =
      new SweepStuckWorkService(outbox, clock, dispatcher);

  private void enqueueReceiptFor(CustomerId customer, String id) {
    outbox.enqueue(
        Lanes.toContactCenter(TestData.key(customer)),
        new OutboxItem.ReportToContactCenter(DEFAULT, DeliveryReceipt.delivered(id, customer, t0)));
  }

  private int sweep() {
    return service.sweep(new SweepStuckWorkCommand());
  }

  @Test
  void claims_whose_lease_ran_out_are_released_so_that_their_entries_are_dispatched_again() {
    enqueueReceiptFor(ALICE, "gen-1");
    enqueueReceiptFor(BOB, "gen-2");
    List<OutboxEntry> claimed = outbox.claimDue(t0, 10);
    assertThat(claimed).hasSize(2);
    clock.advance(LEASE);

    assertThat(sweep()).isEqualTo(2);

    Instant now = clock.instant();
    assertThat(claimed).allSatisfy(e -> assertThat(outbox.isClaimed(e.id(), now)).isFalse());
    assertThat(outbox.claimDue(now, 10)).extracting(OutboxEntry::id).hasSize(2);
  }

  @Test
  void releasing_claims_wakes_the_dispatcher_and_warns_with_the_count() {
    enqueueReceiptFor(ALICE, "gen-1");
    outbox.claimDue(t0, 10);
    clock.advance(LEASE.plusSeconds(1));

    try (CapturedLog log = CapturedLog.of(SweepStuckWorkService.class)) {
      sweep();

      assertThat(log.entries())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.level()).isEqualTo(Level.WARNING);
                assertThat(e.message()).contains("released 1 outbox claim");
              });
    }
    assertThat(WakeupProbe.wasSignalled(dispatcher)).isTrue();
  }

  @Test
  void live_claims_are_left_alone_and_nothing_is_logged_or_woken() {
    enqueueReceiptFor(ALICE, "gen-1");
    long id = outbox.claimDue(t0, 10).get(0).id();
    clock.advance(LEASE.minusSeconds(1));

    try (CapturedLog log = CapturedLog.of(SweepStuckWorkService.class)) {
      assertThat(sweep()).isZero();

      assertThat(log.entries()).isEmpty();
    }
    assertThat(outbox.isClaimed(id, clock.instant())).isTrue();
    assertThat(WakeupProbe.wasSignalled(dispatcher)).isFalse();
  }

  @Test
  void unclaimed_entries_are_not_counted() {
    enqueueReceiptFor(ALICE, "gen-1");
    clock.advance(Duration.ofHours(1));

    assertThat(sweep()).isZero();
    assertThat(outbox.pending()).isEqualTo(1);
  }
}
