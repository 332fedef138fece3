package dev.switchboard.application.service;

import static dev.switchboard.application.service.TestData.ALICE;
import static dev.switchboard.application.service.TestData.BOB;
import static dev.switchboard.application.service.TestData.DEFAULT;
import static dev.switchboard.application.service.TestData.agentWrote;
import static dev.switchboard.application.service.TestData.customerWrote;
import static dev.switchboard.application.service.TestData.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.connection.Connection;
import dev.switchboard.application.fakes.InMemoryContactDirectory;
import dev.switchboard.application.fakes.InMemoryConversations;
import dev.switchboard.application.fakes.InMemoryDeliveries;
import dev.switchboard.application.fakes.InMemoryObserver;
import dev.switchboard.application.fakes.InMemoryOutbox;
import dev.switchboard.application.fakes.InMemoryProcessedMessages;
import dev.switchboard.application.fakes.InMemoryTransactions;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.fakes.RecordingMessagingChannel;
import dev.switchboard.application.fakes.TestConnections;
import dev.switchboard.application.fakes.TestUseCases;
import dev.switchboard.application.fakes.WakeupProbe;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.port.in.HandleEventCommand;
import dev.switchboard.application.usecase.SendAgentMessage;
import dev.switchboard.domain.channel.ConnectionId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandleEventServiceTest {

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final Instant t0 = clock.instant();
  private final InMemoryOutbox outbox = new InMemoryOutbox(clock);
  private final InMemoryConversations conversations = new InMemoryConversations();
  private final InMemoryDeliveries deliveries = new InMemoryDeliveries(clock);
  private final InMemoryContactDirectory contacts = new InMemoryContactDirectory();
  private final InMemoryProcessedMessages processed = new InMemoryProcessedMessages(clock);
  private final InMemoryTransactions transactions = new InMemoryTransactions();
  private final Wakeup dispatcher = new Wakeup();
  private final HandleEventService service =
      new HandleEventService(
          TestUseCases.channelEvents(
              TestConnections.whatsApp(new RecordingMessagingChannel()),
              outbox,
              conversations,
              deliveries,
              contacts,
              processed,
              new InMemoryObserver(),
              clock),
          transactions,
          dispatcher);

  private void handle(ChannelEvent event) {
    service.handle(new HandleEventCommand(event));
  }

  @Test
  void each_event_reaches_the_outbox_with_its_webhooks_acceptance_time_and_unknown_stays_unknown() {
    var first = customerWrote(ALICE, "wamid.1", t0, "first");
    var second = customerWrote(BOB, "wamid.2", t0.plusSeconds(1), "second");
    Instant accepted = t0.minusMillis(250);
    List<Instant> acceptedAt = new java.util.ArrayList<>();
    acceptedAt.add(accepted);
    acceptedAt.add(null);

    service.handle(new HandleEventCommand(List.of(first, second), acceptedAt));

    assertThat(outbox.claimDue(t0.plusSeconds(5), 10))
        .extracting(OutboxEntry::acceptedAt)
        .containsExactly(accepted, null);
  }

  @Test
  void events_handled_together_are_applied_in_one_transaction_in_order() {
    var first = customerWrote(ALICE, "wamid.1", t0, "first");
    var second = customerWrote(ALICE, "wamid.2", t0.plusSeconds(1), "second");

    service.handle(new HandleEventCommand(List.of(first, second)));

    assertThat(transactions.started()).isEqualTo(1);
    assertThat(outbox.pending()).isEqualTo(2);
    assertThat(outbox.claimDue(t0.plusSeconds(5), 10))
        .extracting(entry -> ((OutboxItem.ForwardToContactCenter) entry.item()).message())
        .extracting(message -> message.channelMessageId())
        .containsExactly("wamid.1");
  }

  @Test
  void when_events_together_fail_each_is_applied_alone_until_the_failing_one() {
    var first = customerWrote(ALICE, "wamid.1", t0, "first");
    var poison = customerWrote(ALICE, "wamid.2", t0.plusSeconds(1), "poison");
    var last = customerWrote(ALICE, "wamid.3", t0.plusSeconds(2), "last");
    processed.failFor("wamid.2", 2); // together, then alone

    assertThatThrownBy(() -> service.handle(new HandleEventCommand(List.of(first, poison, last))))
        .hasMessage("store unavailable");

    assertThat(transactions.started()).as("together, then alone: the first two").isEqualTo(3);
    assertThat(processed.contains("whatsapp:default:wamid.1")).as("applied").isTrue();
    assertThat(processed.contains("whatsapp:default:wamid.3"))
        .as("waits behind the failing one")
        .isFalse();
  }

  @Test
  void a_customer_message_is_applied_in_one_transaction() {
    var hello = customerWrote(ALICE, "wamid.1", t0, "hello");

    handle(hello);

    assertThat(transactions.started()).isEqualTo(1);
    assertThat(outbox.itemsIn(Lanes.toContactCenter(key(ALICE))))
        .containsExactly(new OutboxItem.ForwardToContactCenter(DEFAULT, hello.message()));
    assertThat(conversations.find(key(ALICE)))
        .hasValueSatisfying(
            c -> assertThat(c.window().isOpenAt(t0, Duration.ofHours(24))).isTrue());
    assertThat(processed.contains("whatsapp:default:wamid.1")).isTrue();
  }

  @Test
  void a_redelivered_customer_message_has_no_second_effect() {
    var hello = customerWrote(ALICE, "wamid.1", t0, "hello");

    handle(hello);
    handle(hello);

    assertThat(outbox.items()).hasSize(1);
  }

  @Test
  void a_redelivered_agent_message_is_sent_once() {
    handle(customerWrote(ALICE, "wamid.1", t0, "hello"));
    var answer = agentWrote(ALICE, "gen-1", t0.plusSeconds(5), "hi Alice");
    clock.advance(Duration.ofSeconds(5));

    handle(answer);
    handle(answer);

    assertThat(outbox.items(OutboxItem.SendToCustomer.class))
        .singleElement()
        .satisfies(s -> assertThat(s.message()).isEqualTo(answer.message()));
  }

  @Test
  void an_agent_message_outside_the_window_is_refused_to_the_agent_not_sent() {
    var answer = agentWrote(ALICE, "gen-1", t0, "hi Alice");

    handle(answer);

    assertThat(outbox.items(OutboxItem.SendToCustomer.class)).isEmpty();
    assertThat(outbox.items(OutboxItem.ReportToContactCenter.class))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.receipt().reasons())
                    .containsExactly(SendAgentMessage.windowClosed(Duration.ofHours(24))));
  }

  @Test
  void handling_wakes_the_dispatcher() {
    handle(customerWrote(ALICE, "wamid.1", t0, "hello"));

    assertThat(WakeupProbe.wasSignalled(dispatcher)).isTrue();
  }

  @Test
  void a_store_failure_propagates_wakes_no_one_and_a_retry_applies_the_event_once() {
    var hello = customerWrote(ALICE, "wamid.1", t0, "hello");
    processed.failNext(1);

    assertThatThrownBy(() -> handle(hello)).hasMessage("store unavailable");

    assertThat(outbox.items()).isEmpty();
    assertThat(transactions.failed()).isEqualTo(1);
    assertThat(WakeupProbe.wasSignalled(dispatcher)).isFalse();

    handle(hello);

    assertThat(outbox.items()).hasSize(1);
    assertThat(WakeupProbe.wasSignalled(dispatcher)).isTrue();
  }

  @Test
  void an_event_of_a_connection_not_configured_fails_naming_it_and_changes_nothing() {
    var elsewhere = TestData.customerWrote(new ConnectionId("gone"), ALICE, "wamid.1", t0, "hi");

    assertThatThrownBy(() -> handle(elsewhere))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("gone");

    assertThat(outbox.items()).isEmpty();
    assertThat(conversations.size()).isZero();
    assertThat(processed.keys()).isEmpty();
    assertThat(WakeupProbe.wasSignalled(dispatcher)).isFalse();
  }

  @Test
  void the_events_of_two_connections_are_each_applied_on_their_own() {
    var channel = new RecordingMessagingChannel();
    var sales = new ConnectionId("sales");
    HandleEventService twoConnections =
        new HandleEventService(
            TestUseCases.channelEvents(
                TestConnections.of(
                    channel,
                    new Connection(DEFAULT, channel.channel()),
                    new Connection(sales, channel.channel())),
                outbox,
                conversations,
                deliveries,
                contacts,
                processed,
                new InMemoryObserver(),
                clock),
            transactions,
            dispatcher);
    var onDefault = customerWrote(ALICE, "wamid.1", t0, "hello");
    var onSales = TestData.customerWrote(sales, ALICE, "wamid.1", t0, "hello");

    twoConnections.handle(new HandleEventCommand(List.of(onDefault, onSales)));

    assertThat(outbox.itemsIn(Lanes.toContactCenter(key(ALICE))))
        .containsExactly(new OutboxItem.ForwardToContactCenter(DEFAULT, onDefault.message()));
    assertThat(outbox.itemsIn(Lanes.toContactCenter(onSales.key())))
        .containsExactly(new OutboxItem.ForwardToContactCenter(sales, onSales.message()));
    assertThat(processed.keys())
        .containsExactly("whatsapp:default:wamid.1", "whatsapp:sales:wamid.1");
  }
}
