package dev.switchboard.application.service;

import static dev.switchboard.application.service.TestData.ALICE;
import static dev.switchboard.application.service.TestData.DEFAULT;
import static dev.switchboard.application.service.TestData.inbound;
import static dev.switchboard.application.service.TestData.key;
import static dev.switchboard.application.service.TestData.outbound;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.connection.Connections;
import dev.switchboard.application.fakes.InMemoryConversations;
import dev.switchboard.application.fakes.InMemoryCustomerLinks;
import dev.switchboard.application.fakes.InMemoryDeadLetters;
import dev.switchboard.application.fakes.InMemoryDeliveries;
import dev.switchboard.application.fakes.InMemoryMediaStore;
import dev.switchboard.application.fakes.InMemoryObserver;
import dev.switchboard.application.fakes.InMemoryOutbox;
import dev.switchboard.application.fakes.InMemoryTransactions;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.fakes.RecordingContactCenter;
import dev.switchboard.application.fakes.RecordingMessagingChannel;
import dev.switchboard.application.fakes.TestConnections;
import dev.switchboard.application.fakes.TestUseCases;
import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.port.in.DispatchOutboxCommand;
import dev.switchboard.application.usecase.AgentReceipts;
import dev.switchboard.application.usecase.RecordDeliveryStatus;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the dispatcher tells its observer of each call and of the messages the calls carry. */
class DispatchObservationTest {

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final InMemoryOutbox outbox = new InMemoryOutbox(clock);
  private final RecordingContactCenter contactCenter = new RecordingContactCenter();
  private final RecordingMessagingChannel channel = new RecordingMessagingChannel();
  private final Connections connections = TestConnections.whatsApp(channel);
  private final InMemoryConversations conversations = new InMemoryConversations();
  private final InMemoryDeliveries deliveries = new InMemoryDeliveries();
  private final InMemoryObserver observer = new InMemoryObserver();

  private final DispatchOutboxService dispatcher =
      new DispatchOutboxService(
          outbox,
          contactCenter,
          connections,
          new InMemoryMediaStore(clock),
          Duration.ofHours(24),
          new RecordDeliveryStatus(
              conversations,
              deliveries,
              new InMemoryCustomerLinks(),
              new AgentReceipts(outbox, clock, observer),
              clock),
          TestUseCases.reengageCustomer(outbox, conversations, deliveries, clock),
          new InMemoryDeadLetters(),
          new InMemoryTransactions(),
          new RetryPolicy(
              Duration.ofMillis(500),
              Duration.ofMinutes(5),
              Duration.ofHours(24),
              FixedRandom.highest()),
          clock,
          Runnable::run,
          2,
          new Wakeup(),
          Duration.ZERO,
          observer);

  private void dispatchAll() {
    dispatcher.dispatch(new DispatchOutboxCommand(100));
  }

  @Test
  void a_forward_behind_a_503_is_two_attempts_then_forwarded_timed_from_its_acceptance() {
    Instant accepted = clock.instant().minusMillis(700);
    outbox.enqueue(
        Lanes.toContactCenter(key(ALICE)),
        new OutboxItem.ForwardToContactCenter(
            DEFAULT, inbound(ALICE, "wamid.A", clock.instant(), "text")),
        accepted);
    contactCenter.willAnswer(
        new DispatchOutcome.RetryLater(null, "Genesys answered HTTP 503 to the message"));

    dispatchAll();
    clock.advance(Duration.ofSeconds(1));
    dispatchAll();

    assertThat(observer.told())
        .containsExactly(
            "attempt wamid.A genesys RETRYABLE 503",
            "attempt wamid.A genesys OK 2xx",
            "delivered wamid.A TO_AGENT");
    assertThat(observer.endToEnd()).containsExactly(Duration.ofMillis(1700));
  }

  @Test
  void an_agents_split_message_is_sent_with_its_last_part_and_an_old_entry_is_not_timed() {
    String lane = Lanes.toCustomer(key(ALICE));
    outbox.enqueue(
        lane,
        new OutboxItem.SendToCustomer(DEFAULT, outbound(ALICE, "gen-1", "part"), null, false, 0));
    outbox.enqueue(
        lane,
        new OutboxItem.SendToCustomer(DEFAULT, outbound(ALICE, "gen-1", "part"), null, true, 1));

    dispatchAll();
    dispatchAll();

    assertThat(observer.told())
        .containsExactly(
            "attempt gen-1 whatsapp OK 2xx",
            "attempt gen-1 whatsapp OK 2xx",
            "delivered gen-1 TO_CUSTOMER");
    assertThat(observer.endToEnd()).as("queued without an acceptance time").containsOnlyNulls();
  }

  @Test
  void a_refused_send_fails_with_its_code_and_its_receipt_is_told_once_given() {
    outbox.enqueue(
        Lanes.toCustomer(key(ALICE)),
        new OutboxItem.SendToCustomer(DEFAULT, outbound(ALICE, "gen-2", "hi"), null, true));
    channel.willAnswer(
        new DispatchOutcome.Refused(
            new DeliveryFailure(
                FailureReason.INVALID_DESTINATION,
                "(#131026) Message undeliverable to +16505551234: HTTP 400")));

    dispatchAll();
    dispatchAll(); // the Failed receipt to the contact center

    List<String> told = observer.told();
    assertThat(told)
        .containsExactly(
            "attempt gen-2 whatsapp FAILED 400 INVALID_DESTINATION",
            "failed gen-2 INVALID_DESTINATION",
            "attempt gen-2 genesys OK 2xx",
            "receipt gen-2 Failed");
    assertThat(String.join(" ", told))
        .doesNotContain("16505551234")
        .doesNotContain("undeliverable");
  }

  @Test
  void a_status_in_a_failure_text_is_found_only_as_three_digits_standing_alone() {
    assertThat(DispatchOutboxService.httpStatusIn("Genesys answered HTTP 503 to the message"))
        .contains("503");
    assertThat(DispatchOutboxService.httpStatusIn("to +16505551234 failed")).isEmpty();
    assertThat(DispatchOutboxService.httpStatusIn("timed out after 30 s")).isEmpty();
    assertThat(DispatchOutboxService.httpStatusIn(null)).isEmpty();
  }
}
