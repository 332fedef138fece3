package dev.switchboard.application.service;

import static dev.switchboard.application.service.TestData.ALICE;
import static dev.switchboard.application.service.TestData.BOB;
import static dev.switchboard.application.service.TestData.DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.fakes.InMemoryInbox;
import dev.switchboard.application.fakes.InMemoryOutbox;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.fakes.WakeupProbe;
import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.ReconciliationReport;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.in.ReconcileCommand;
import dev.switchboard.application.port.out.QueueConsumers;
import dev.switchboard.application.testing.CapturedLog;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class ReconcileServiceTest {

  private static final Duration GRACE = Duration.ofMinutes(5);
  private static final Duration LEASE = Duration.ofMinutes(1);

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final Instant t0 = clock.instant();
  private final InMemoryInbox inbox = new InMemoryInbox();
  private final InMemoryOutbox outbox = new InMemoryOutbox(clock, LEASE);
  private final Wakeup processor = new Wakeup();
  private final Wakeup dispatcher = new Wakeup();
  private final ReconcileService embedded =
      new ReconcileService(
          Optional.of(inbox), outbox, Optional.empty(), processor, dispatcher, clock, GRACE);

  private ReconciliationReport reconcile() {
    return embedded.reconcile(new ReconcileCommand());
  }

  private void accept(String text, Instant at) {
    inbox.append(
        new RawWebhook(WebhookSource.of("whatsapp"), text.getBytes(StandardCharsets.UTF_8), at));
  }

  private void enqueueReceiptFor(CustomerId customer, String id) {
    outbox.enqueue(
        Lanes.toContactCenter(TestData.key(customer)),
        new OutboxItem.ReportToContactCenter(DEFAULT, DeliveryReceipt.delivered(id, customer, t0)));
  }

  @Test
  void with_nothing_left_behind_the_report_is_clean_and_nobody_is_woken_or_warned() {
    accept("{}", t0);
    enqueueReceiptFor(ALICE, "gen-1");
    clock.advance(GRACE); // waiting exactly the grace is not longer than it

    try (CapturedLog log = CapturedLog.of(ReconcileService.class)) {
      ReconciliationReport report = reconcile();

      assertThat(report.isClean()).isTrue();
      assertThat(log.entries()).noneMatch(e -> e.level() == Level.WARNING);
    }
    assertThat(WakeupProbe.wasSignalled(processor)).isFalse();
    assertThat(WakeupProbe.wasSignalled(dispatcher)).isFalse();
  }

  @Test
  void an_accepted_webhook_waiting_longer_than_the_grace_wakes_the_processor_and_is_reported()
      throws Exception {
    accept("{\"secret\":\"the customer's words\"}", t0);
    accept("{}", t0.plusSeconds(200));
    clock.advance(GRACE.plusSeconds(1));

    try (CapturedLog log = CapturedLog.of(ReconcileService.class)) {
      ReconciliationReport report = reconcile();

      assertThat(report.stuck(ReconciliationReport.INBOX))
          .as("everything behind the oldest waits for it")
          .isEqualTo(2);
      assertThat(report.redriven(ReconciliationReport.INBOX)).isEqualTo(2);
      assertThat(log.entries())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.level()).isEqualTo(Level.WARNING);
                assertThat(e.message()).contains("inbox event 1").contains("2 accepted webhook");
                assertThat(e.message()).doesNotContain("the customer's words");
              });
    }
    assertThat(WakeupProbe.wasSignalled(processor)).isTrue();
    assertThat(inbox.backlog()).as("re-driven, never copied or removed").isEqualTo(2);
  }

  @Test
  void an_outbox_head_due_longer_than_the_grace_and_not_taken_wakes_the_dispatcher() {
    enqueueReceiptFor(ALICE, "gen-1");
    enqueueReceiptFor(ALICE, "gen-2"); // behind the head of its lane: not the dispatcher's yet
    enqueueReceiptFor(BOB, "gen-3");
    OutboxEntry bob = outbox.entries().get(2);
    clock.advance(Duration.ofMinutes(4));
    outbox.claimDue(clock.instant(), 10).stream()
        .filter(e -> e.id() == bob.id())
        .forEach(e -> outbox.postpone(e.id(), clock.instant().plusSeconds(3600), "503"));
    outbox.releaseAllClaims();
    clock.advance(Duration.ofMinutes(2));

    try (CapturedLog log = CapturedLog.of(ReconcileService.class)) {
      ReconciliationReport report = reconcile();

      assertThat(report.stuck(ReconciliationReport.OUTBOX))
          .as("Alice's head only: Bob's waits for its retry, Alice's second for her first")
          .isEqualTo(1);
      assertThat(report.redriven(ReconciliationReport.OUTBOX)).isEqualTo(1);
      assertThat(log.entries())
          .singleElement()
          .satisfies(e -> assertThat(e.message()).contains("ids " + outbox.entries().get(0).id()));
    }
    assertThat(WakeupProbe.wasSignalled(dispatcher)).isTrue();
    assertThat(outbox.pending()).isEqualTo(3);
  }

  @Test
  void claims_whose_lease_ran_out_are_released_and_counted_once() {
    enqueueReceiptFor(ALICE, "gen-1");
    OutboxEntry claimed = outbox.claimDue(t0, 10).get(0);
    clock.advance(GRACE.plus(LEASE).plusSeconds(1));

    ReconciliationReport report = reconcile();

    assertThat(report.stuck(ReconciliationReport.CLAIMS)).isEqualTo(1);
    assertThat(report.redriven(ReconciliationReport.CLAIMS)).isEqualTo(1);
    assertThat(report.stuck(ReconciliationReport.OUTBOX))
        .as("a claimed entry is the claims' stage, not also the outbox's")
        .isZero();
    assertThat(outbox.isClaimed(claimed.id(), clock.instant())).isFalse();
    assertThat(WakeupProbe.wasSignalled(dispatcher)).isTrue();
    assertThat(reconcile().isClean()).isFalse(); // now unclaimed and overdue: the dispatcher's
  }

  @Test
  void with_a_broker_lost_consumers_are_resumed_and_unconsumed_queues_reported() {
    List<String> resumed = new ArrayList<>(List.of(ReconciliationReport.EVENTS));
    QueueConsumers broker =
        new QueueConsumers() {
          @Override
          public List<String> resumeLost() {
            List<String> now = List.copyOf(resumed);
            resumed.clear();
            return now;
          }

          @Override
          public Map<String, Long> unconsumed() {
            return Map.of(ReconciliationReport.INBOX, 3L, ReconciliationReport.EVENTS, 0L);
          }
        };
    ReconcileService withBroker =
        new ReconcileService(
            Optional.empty(), outbox, Optional.of(broker), processor, dispatcher, clock, GRACE);

    ReconciliationReport report = withBroker.reconcile(new ReconcileCommand());

    assertThat(report.redriven(ReconciliationReport.EVENTS)).isEqualTo(1);
    assertThat(report.stuck(ReconciliationReport.INBOX)).isEqualTo(3);
    assertThat(report.stuck(ReconciliationReport.EVENTS)).isZero();
    assertThat(withBroker.reconcile(new ReconcileCommand()).redriven(ReconciliationReport.EVENTS))
        .isZero();
  }

  @Test
  void a_negative_grace_is_refused() {
    assertThatThrownBy(
            () ->
                new ReconcileService(
                    Optional.of(inbox),
                    outbox,
                    Optional.empty(),
                    processor,
                    dispatcher,
                    clock,
                    Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
