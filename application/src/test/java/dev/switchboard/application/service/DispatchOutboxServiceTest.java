package dev.switchboard.application.service;

import static dev.switchboard.application.service.TestData.ALICE;
import static dev.switchboard.application.service.TestData.BOB;
import static dev.switchboard.application.service.TestData.inbound;
import static dev.switchboard.application.service.TestData.outbound;
import static dev.switchboard.application.service.TestData.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.fakes.InMemoryConversations;
import dev.switchboard.application.fakes.InMemoryDeadLetters;
import dev.switchboard.application.fakes.InMemoryDeliveries;
import dev.switchboard.application.fakes.InMemoryOutbox;
import dev.switchboard.application.fakes.InMemoryTransactions;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.fakes.RecordingContactCenter;
import dev.switchboard.application.fakes.RecordingMessagingChannel;
import dev.switchboard.application.fakes.WakeupProbe;
import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.port.in.DispatchOutboxCommand;
import dev.switchboard.application.port.out.ContactCenter;
import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.delivery.Delivery;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.delivery.StatusReport;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.OutboundMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DispatchOutboxServiceTest {

  private static final String WAMID = "wamid.out.1";

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final Instant t0 = clock.instant();
  private final InMemoryOutbox outbox = new InMemoryOutbox(clock);
  private final RecordingContactCenter contactCenter = new RecordingContactCenter();
  private final RecordingMessagingChannel channel = new RecordingMessagingChannel();
  private final InMemoryConversations conversations = new InMemoryConversations();
  private final FlakyDeliveries deliveries = new FlakyDeliveries();
  private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();
  private final InMemoryTransactions transactions = new InMemoryTransactions();
  private final Wakeup wakeup = new Wakeup();

  /** Jitter at its highest, so the n-th retry waits exactly min(5 min, 0.5 s * 2^(n-1)). */
  private final RetryPolicy retries =
      new RetryPolicy(
          Duration.ofMillis(500),
          Duration.ofMinutes(5),
          Duration.ofHours(24),
          FixedRandom.highest());

  private final DispatchOutboxService direct = service(Runnable::run, 4);

  private DispatchOutboxService service(Executor executor, int workers) {
    return new DispatchOutboxService(
        outbox,
        contactCenter,
        channel,
        conversations,
        deliveries,
        deadLetters,
        transactions,
        retries,
        clock,
        executor,
        workers,
        wakeup);
  }

  private int dispatchAll() {
    return direct.dispatch(new DispatchOutboxCommand(100));
  }

  private InboundMessage forwardToContactCenter(CustomerId from, String wamid) {
    InboundMessage message = inbound(from, wamid, t0, "text of " + wamid);
    outbox.enqueue(Lanes.toContactCenter(from), new OutboxItem.ForwardToContactCenter(message));
    return message;
  }

  private OutboundMessage sendToCustomer(CustomerId to, String genesysId, String businessNumber) {
    OutboundMessage message = outbound(to, genesysId, "reply " + genesysId);
    outbox.enqueue(Lanes.toCustomer(to), new OutboxItem.SendToCustomer(message, businessNumber));
    return message;
  }

  private OutboxEntry onlyEntry() {
    assertThat(outbox.entries()).hasSize(1);
    return outbox.entries().get(0);
  }

  private List<DeliveryReceipt> receiptsFor(CustomerId customer) {
    return outbox.itemsIn(Lanes.toContactCenter(customer)).stream()
        .map(i -> ((OutboxItem.ReportToContactCenter) i).receipt())
        .toList();
  }

  @Nested
  class Done {

    @Test
    void a_forwarded_message_is_completed() {
      InboundMessage message = forwardToContactCenter(ALICE, "wamid.1");

      assertThat(dispatchAll()).isEqualTo(1);

      assertThat(contactCenter.forwarded()).containsExactly(message);
      assertThat(outbox.pending()).isZero();
      assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void a_receipt_is_reported_and_completed() {
      DeliveryReceipt receipt = DeliveryReceipt.delivered("gen-1", ALICE, t0);
      outbox.enqueue(Lanes.toContactCenter(ALICE), new OutboxItem.ReportToContactCenter(receipt));

      dispatchAll();

      assertThat(contactCenter.reported()).containsExactly(receipt);
      assertThat(outbox.pending()).isZero();
    }

    @Test
    void a_finished_entry_wakes_the_dispatcher() {
      forwardToContactCenter(ALICE, "wamid.1");

      dispatchAll();

      assertThat(WakeupProbe.wasSignalled(wakeup)).isTrue();
    }

    @Test
    void a_send_goes_from_its_business_number_and_is_recorded_as_a_delivery() {
      OutboundMessage message = sendToCustomer(ALICE, "gen-1", "PN1");
      channel.willAnswer(new DispatchOutcome.Done(List.of(WAMID)));

      dispatchAll();

      assertThat(channel.sent())
          .containsExactly(new RecordingMessagingChannel.Sent(message, "PN1"));
      Delivery delivery = deliveries.byChannelMessageId(WAMID).orElseThrow();
      assertThat(delivery.contactCenterMessageId()).isEqualTo("gen-1");
      assertThat(delivery.customer()).isEqualTo(ALICE);
      assertThat(delivery.status()).isEqualTo(DeliveryStatus.ACCEPTED);
      assertThat(conversations.locks()).containsExactly(ALICE);
      assertThat(outbox.pending()).isZero();
    }

    @Test
    void a_send_in_several_parts_is_recorded_under_each_id() {
      sendToCustomer(ALICE, "gen-1", null);
      channel.willAnswer(new DispatchOutcome.Done(List.of("wamid.part1", "wamid.part2")));

      dispatchAll();

      assertThat(deliveries.all())
          .extracting(Delivery::channelMessageId)
          .containsExactly("wamid.part1", "wamid.part2");
    }

    @Test
    void a_held_delivered_status_becomes_a_delivered_receipt() {
      Instant deliveredAt = t0.plusSeconds(1);
      deliveries.hold(status(ALICE, WAMID, DeliveryStatus.DELIVERED, deliveredAt));
      sendToCustomer(ALICE, "gen-1", null);
      channel.willAnswer(new DispatchOutcome.Done(List.of(WAMID)));

      dispatchAll();

      assertThat(receiptsFor(ALICE))
          .containsExactly(DeliveryReceipt.delivered("gen-1", ALICE, deliveredAt));
      assertThat(deliveries.byChannelMessageId(WAMID).orElseThrow().status())
          .isEqualTo(DeliveryStatus.DELIVERED);
      assertThat(deliveries.held(WAMID)).isEmpty();
    }

    @Test
    void held_read_and_delivered_give_one_delivered_receipt() {
      deliveries.hold(status(ALICE, WAMID, DeliveryStatus.READ, t0.plusSeconds(2)));
      deliveries.hold(status(ALICE, WAMID, DeliveryStatus.DELIVERED, t0.plusSeconds(1)));
      sendToCustomer(ALICE, "gen-1", null);
      channel.willAnswer(new DispatchOutcome.Done(List.of(WAMID)));

      dispatchAll();

      assertThat(receiptsFor(ALICE))
          .containsExactly(DeliveryReceipt.delivered("gen-1", ALICE, t0.plusSeconds(2)));
      assertThat(deliveries.byChannelMessageId(WAMID).orElseThrow().status())
          .isEqualTo(DeliveryStatus.READ);
    }

    @Test
    void a_held_failed_status_becomes_a_failed_receipt() {
      DeliveryFailure why = new DeliveryFailure(FailureReason.INVALID_DESTINATION, "(#131026)");
      deliveries.hold(status(ALICE, WAMID, DeliveryStatus.FAILED, t0, why));
      sendToCustomer(ALICE, "gen-1", null);
      channel.willAnswer(new DispatchOutcome.Done(List.of(WAMID)));

      dispatchAll();

      assertThat(receiptsFor(ALICE))
          .containsExactly(DeliveryReceipt.failed("gen-1", ALICE, List.of(why), t0));
    }

    @Test
    void a_held_sent_status_gives_no_receipt() {
      deliveries.hold(status(ALICE, WAMID, DeliveryStatus.SENT, t0));
      sendToCustomer(ALICE, "gen-1", null);
      channel.willAnswer(new DispatchOutcome.Done(List.of(WAMID)));

      dispatchAll();

      assertThat(receiptsFor(ALICE)).isEmpty();
      assertThat(deliveries.byChannelMessageId(WAMID).orElseThrow().status())
          .isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void statuses_held_for_another_message_stay_held() {
      deliveries.hold(status(ALICE, "wamid.other", DeliveryStatus.DELIVERED, t0));
      sendToCustomer(ALICE, "gen-1", null);
      channel.willAnswer(new DispatchOutcome.Done(List.of(WAMID)));

      dispatchAll();

      assertThat(receiptsFor(ALICE)).isEmpty();
      assertThat(deliveries.held("wamid.other")).hasSize(1);
    }
  }

  @Nested
  class RetryLater {

    @Test
    void a_passing_failure_is_postponed_by_the_backoff_and_counted() {
      sendToCustomer(ALICE, "gen-1", null);
      channel.willAnswer(new DispatchOutcome.RetryLater(null, "HTTP 503"));

      dispatchAll();

      OutboxEntry entry = onlyEntry();
      assertThat(entry.failedAttempts()).isEqualTo(1);
      assertThat(outbox.dueAt(entry.id())).contains(t0.plusMillis(500));
      assertThat(outbox.lastError(entry.id())).contains("HTTP 503");
      assertThat(outbox.isClaimed(entry.id(), t0)).isFalse();
      assertThat(deadLetters.isEmpty()).isTrue();
      assertThat(deliveries.all()).isEmpty();
    }

    @Test
    void a_postponed_entry_is_not_dispatched_before_it_is_due() {
      forwardToContactCenter(ALICE, "wamid.1");
      contactCenter.willAnswer(new DispatchOutcome.RetryLater(null, "HTTP 503"));
      dispatchAll();

      clock.advance(Duration.ofMillis(499));
      assertThat(dispatchAll()).isZero();

      clock.advance(Duration.ofMillis(1));
      assertThat(dispatchAll()).isEqualTo(1);
      assertThat(contactCenter.forwarded()).hasSize(2);
      assertThat(outbox.pending()).isZero();
    }

    @Test
    void each_further_failure_waits_longer() {
      forwardToContactCenter(ALICE, "wamid.1");
      contactCenter.willAnswer(
          new DispatchOutcome.RetryLater(null, "HTTP 503"),
          new DispatchOutcome.RetryLater(null, "HTTP 503"),
          new DispatchOutcome.RetryLater(null, "HTTP 503"));

      dispatchAll();
      clock.set(outbox.dueAt(onlyEntry().id()).orElseThrow());
      dispatchAll();
      Instant secondFailure = clock.instant();
      assertThat(outbox.dueAt(onlyEntry().id())).contains(secondFailure.plusMillis(1000));

      clock.set(outbox.dueAt(onlyEntry().id()).orElseThrow());
      dispatchAll();
      assertThat(outbox.dueAt(onlyEntry().id())).contains(clock.instant().plusMillis(2000));
      assertThat(onlyEntry().failedAttempts()).isEqualTo(3);
    }

    @Test
    void retry_after_longer_than_the_backoff_is_honoured() {
      forwardToContactCenter(ALICE, "wamid.1");
      contactCenter.willAnswer(new DispatchOutcome.RetryLater(Duration.ofSeconds(30), "HTTP 429"));

      dispatchAll();

      assertThat(outbox.dueAt(onlyEntry().id())).contains(t0.plusSeconds(30));
    }

    @Test
    void retry_after_shorter_than_the_backoff_does_not_shorten_it() {
      forwardToContactCenter(ALICE, "wamid.1");
      contactCenter.willAnswer(new DispatchOutcome.RetryLater(Duration.ofMillis(100), "HTTP 429"));

      dispatchAll();

      assertThat(outbox.dueAt(onlyEntry().id())).contains(t0.plusMillis(500));
    }

    @Test
    void an_exception_from_the_port_is_a_passing_failure() {
      sendToCustomer(ALICE, "gen-1", null);
      channel.willThrow(new IllegalStateException("connection reset"));

      dispatchAll();

      OutboxEntry entry = onlyEntry();
      assertThat(entry.failedAttempts()).isEqualTo(1);
      assertThat(outbox.dueAt(entry.id())).contains(t0.plusMillis(500));
      assertThat(outbox.lastError(entry.id()))
          .hasValueSatisfying(e -> assertThat(e).contains("connection reset"));
      assertThat(receiptsFor(ALICE)).isEmpty();
      assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void a_port_answering_nothing_is_a_passing_failure() {
      forwardToContactCenter(ALICE, "wamid.1");
      ContactCenter answersNothing =
          new ContactCenter() {
            @Override
            public DispatchOutcome forward(InboundMessage message) {
              return null;
            }

            @Override
            public DispatchOutcome report(DeliveryReceipt receipt) {
              return null;
            }
          };
      DispatchOutboxService service =
          new DispatchOutboxService(
              outbox,
              answersNothing,
              channel,
              conversations,
              deliveries,
              deadLetters,
              transactions,
              retries,
              clock,
              Runnable::run,
              1,
              wakeup);

      service.dispatch(new DispatchOutboxCommand(1));

      OutboxEntry entry = onlyEntry();
      assertThat(entry.failedAttempts()).isEqualTo(1);
      assertThat(outbox.isClaimed(entry.id(), clock.instant())).isFalse();
    }

    @Test
    void just_before_the_policys_limit_it_is_still_retried() {
      forwardToContactCenter(ALICE, "wamid.1");
      contactCenter.willAnswer(new DispatchOutcome.RetryLater(null, "HTTP 503"));
      clock.advance(Duration.ofHours(24).minusMillis(1));

      dispatchAll();

      assertThat(outbox.pending()).isEqualTo(1);
      assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void at_the_policys_limit_the_entry_goes_to_the_dead_letters() {
      InboundMessage message = forwardToContactCenter(ALICE, "wamid.1");
      contactCenter.willAnswer(new DispatchOutcome.RetryLater(null, "HTTP 503"));
      clock.advance(Duration.ofHours(24));

      dispatchAll();

      assertThat(outbox.pending()).isZero();
      assertThat(deadLetters.outboxEntries())
          .singleElement()
          .satisfies(
              letter -> {
                assertThat(letter.entry().item())
                    .isEqualTo(new OutboxItem.ForwardToContactCenter(message));
                assertThat(letter.reason()).contains("HTTP 503");
              });
    }

    @Test
    void a_send_given_up_on_is_dead_lettered_and_the_agent_gets_a_failed_receipt() {
      sendToCustomer(ALICE, "gen-1", null);
      channel.willAnswer(new DispatchOutcome.RetryLater(null, "HTTP 503"));
      clock.advance(Duration.ofHours(25));

      dispatchAll();

      assertThat(deadLetters.outboxEntries()).hasSize(1);
      assertThat(receiptsFor(ALICE))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.contactCenterMessageId()).isEqualTo("gen-1");
                assertThat(r.outcome()).isEqualTo(DeliveryReceipt.Outcome.FAILED);
                assertThat(r.reasons()).containsExactly(DispatchOutboxService.GAVE_UP);
                assertThat(r.at()).isEqualTo(clock.instant());
              });
    }
  }

  @Nested
  class Refused {

    @Test
    void a_refused_send_becomes_a_failed_receipt_with_its_reason() {
      DeliveryFailure why = new DeliveryFailure(FailureReason.RECIPIENT_OPTED_OUT, "(#131050)");
      sendToCustomer(ALICE, "gen-1", null);
      channel.willAnswer(new DispatchOutcome.Refused(why));

      dispatchAll();

      assertThat(outbox.entries())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.lane()).isEqualTo(Lanes.toContactCenter(ALICE));
                assertThat(e.item())
                    .isEqualTo(
                        new OutboxItem.ReportToContactCenter(
                            DeliveryReceipt.failed("gen-1", ALICE, List.of(why), t0)));
              });
      assertThat(deliveries.all()).isEmpty();
      assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void a_refused_forward_goes_to_the_dead_letters() {
      InboundMessage message = forwardToContactCenter(ALICE, "wamid.1");
      contactCenter.willAnswer(
          new DispatchOutcome.Refused(
              new DeliveryFailure(FailureReason.GENERAL_ERROR, "HTTP 400 bad request")));

      dispatchAll();

      assertThat(outbox.pending()).isZero();
      assertThat(deadLetters.outboxEntries())
          .singleElement()
          .satisfies(
              letter -> {
                assertThat(letter.entry().item())
                    .isEqualTo(new OutboxItem.ForwardToContactCenter(message));
                assertThat(letter.reason()).contains("HTTP 400 bad request");
              });
    }

    @Test
    void a_refused_receipt_goes_to_the_dead_letters() {
      outbox.enqueue(
          Lanes.toContactCenter(ALICE),
          new OutboxItem.ReportToContactCenter(DeliveryReceipt.delivered("gen-1", ALICE, t0)));
      contactCenter.willAnswer(
          new DispatchOutcome.Refused(
              new DeliveryFailure(FailureReason.GENERAL_ERROR, "HTTP 404")));

      dispatchAll();

      assertThat(outbox.pending()).isZero();
      assertThat(deadLetters.outboxEntries()).hasSize(1);
    }
  }

  @Nested
  class LanesAndWorkers {

    private final ManualExecutor executor = new ManualExecutor();

    @Test
    void at_most_one_entry_of_a_lane_is_in_flight() {
      forwardToContactCenter(ALICE, "wamid.a1");
      forwardToContactCenter(ALICE, "wamid.a2");
      forwardToContactCenter(BOB, "wamid.b1");
      DispatchOutboxService service = service(executor, 4);

      assertThat(service.dispatch(new DispatchOutboxCommand(10))).isEqualTo(2);
      assertThat(service.dispatch(new DispatchOutboxCommand(10))).isZero();

      executor.runAll();
      assertThat(service.dispatch(new DispatchOutboxCommand(10))).isEqualTo(1);
      executor.runAll();

      assertThat(contactCenter.forwarded())
          .extracting(InboundMessage::channelMessageId)
          .containsExactly("wamid.a1", "wamid.b1", "wamid.a2");
    }

    @Test
    void a_postponed_head_holds_back_its_lane_while_other_lanes_go_on() {
      forwardToContactCenter(ALICE, "wamid.a1");
      forwardToContactCenter(ALICE, "wamid.a2");
      forwardToContactCenter(BOB, "wamid.b1");
      contactCenter.willAnswer(new DispatchOutcome.RetryLater(null, "HTTP 503"));

      assertThat(dispatchAll()).isEqualTo(2);
      assertThat(dispatchAll()).isZero();

      clock.advance(Duration.ofMillis(500));
      assertThat(dispatchAll()).isEqualTo(1);
      assertThat(dispatchAll()).isEqualTo(1);

      assertThat(contactCenter.forwarded())
          .extracting(InboundMessage::channelMessageId)
          .containsExactly("wamid.a1", "wamid.b1", "wamid.a1", "wamid.a2");
    }

    @Test
    void no_more_entries_are_started_than_there_are_free_workers() {
      for (int i = 0; i < 5; i++) {
        forwardToContactCenter(CustomerId.phone("1650555000" + i), "wamid." + i);
      }
      DispatchOutboxService service = service(executor, 2);

      assertThat(service.dispatch(new DispatchOutboxCommand(10))).isEqualTo(2);
      assertThat(service.dispatch(new DispatchOutboxCommand(10))).isZero();

      executor.runNext();
      assertThat(service.dispatch(new DispatchOutboxCommand(10))).isEqualTo(1);

      executor.runAll();
      assertThat(service.dispatch(new DispatchOutboxCommand(10))).isEqualTo(2);
      executor.runAll();
      assertThat(contactCenter.forwarded()).hasSize(5);
      assertThat(outbox.pending()).isZero();
    }

    @Test
    void no_more_entries_are_started_than_asked() {
      for (int i = 0; i < 3; i++) {
        forwardToContactCenter(CustomerId.phone("1650555000" + i), "wamid." + i);
      }

      assertThat(direct.dispatch(new DispatchOutboxCommand(2))).isEqualTo(2);

      assertThat(outbox.pending()).isEqualTo(1);
    }

    @Test
    void a_failure_recording_the_outcome_frees_the_worker_and_the_entry_is_sent_again_later() {
      OutboundMessage message = sendToCustomer(ALICE, "gen-1", null);
      forwardToContactCenter(BOB, "wamid.b1");
      deliveries.failSaves = true;
      DispatchOutboxService oneWorker = service(Runnable::run, 1);

      assertThat(oneWorker.dispatch(new DispatchOutboxCommand(1))).isEqualTo(1);
      long sendId = outbox.entries().get(0).id();
      assertThat(outbox.isClaimed(sendId, clock.instant())).isTrue();

      assertThat(oneWorker.dispatch(new DispatchOutboxCommand(1))).isEqualTo(1);
      assertThat(contactCenter.forwarded()).hasSize(1);

      deliveries.failSaves = false;
      clock.advance(InMemoryOutbox.DEFAULT_LEASE);
      assertThat(oneWorker.dispatch(new DispatchOutboxCommand(1))).isEqualTo(1);

      assertThat(channel.sent())
          .extracting(RecordingMessagingChannel.Sent::message)
          .containsExactly(message, message);
      assertThat(outbox.pending()).isZero();
    }
  }

  /** Runs what it is given only when told to. */
  private static final class ManualExecutor implements Executor {
    private final Queue<Runnable> queued = new ArrayDeque<>();

    @Override
    public void execute(Runnable command) {
      queued.add(command);
    }

    void runNext() {
      queued.remove().run();
    }

    void runAll() {
      while (!queued.isEmpty()) {
        runNext();
      }
    }
  }

  /** {@link Deliveries} whose saves can be made to fail. */
  private static final class FlakyDeliveries implements Deliveries {
    private final InMemoryDeliveries delegate = new InMemoryDeliveries();
    boolean failSaves;

    @Override
    public void save(Delivery delivery) {
      if (failSaves) {
        throw new IllegalStateException("store unavailable");
      }
      delegate.save(delivery);
    }

    @Override
    public Optional<Delivery> byChannelMessageId(String channelMessageId) {
      return delegate.byChannelMessageId(channelMessageId);
    }

    @Override
    public void hold(StatusReport report) {
      delegate.hold(report);
    }

    @Override
    public List<StatusReport> releaseHeld(String channelMessageId) {
      return delegate.releaseHeld(channelMessageId);
    }

    List<StatusReport> held(String channelMessageId) {
      return delegate.held(channelMessageId);
    }

    List<Delivery> all() {
      return delegate.all();
    }
  }
}
