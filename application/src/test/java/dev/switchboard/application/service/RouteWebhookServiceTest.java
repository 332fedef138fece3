package dev.switchboard.application.service;

import static dev.switchboard.application.service.TestData.ALICE;
import static dev.switchboard.application.service.TestData.BOB;
import static dev.switchboard.application.service.TestData.GENESYS;
import static dev.switchboard.application.service.TestData.WHATSAPP;
import static dev.switchboard.application.service.TestData.agentWrote;
import static dev.switchboard.application.service.TestData.customerWrote;
import static dev.switchboard.application.service.TestData.statusReported;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.fakes.InMemoryDeadLetters;
import dev.switchboard.application.fakes.InMemoryTransactions;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.fakes.RecordingEventQueue;
import dev.switchboard.application.fakes.ScriptedWebhookDecoder;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Decoded;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.in.RouteWebhookCommand;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.delivery.DeliveryStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteWebhookServiceTest {

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final Instant t0 = clock.instant();
  private final ScriptedWebhookDecoder whatsapp = new ScriptedWebhookDecoder("whatsapp");
  private final ScriptedWebhookDecoder genesys = new ScriptedWebhookDecoder("genesys");
  private final RecordingEventQueue queue = new RecordingEventQueue();
  private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters(clock);
  private final InMemoryTransactions transactions = new InMemoryTransactions();
  private final RouteWebhookService service =
      new RouteWebhookService(List.of(whatsapp, genesys), queue, deadLetters, transactions);

  private RawWebhook webhook(WebhookSource source, String body) {
    return new RawWebhook(source, body.getBytes(StandardCharsets.UTF_8), clock.instant());
  }

  private void route(RawWebhook webhook) {
    service.route(new RouteWebhookCommand(webhook));
  }

  /** Nothing was published, and the webhook was set aside for a reason that says {@code why}. */
  private void assertOnlyDeadLettered(String why) {
    assertThat(queue.batches()).isEmpty();
    assertThat(deadLetters.webhooks())
        .singleElement()
        .satisfies(l -> assertThat(l.reason()).contains(why));
  }

  @Test
  void the_events_of_a_webhook_are_published_together_in_the_order_they_happened() {
    var late = customerWrote(ALICE, "wamid.3", t0.plusSeconds(3), "third");
    var early = customerWrote(BOB, "wamid.1", t0.plusSeconds(1), "first");
    var sameTimeA = statusReported(ALICE, "wamid.a", DeliveryStatus.SENT, t0.plusSeconds(2));
    var sameTimeB = statusReported(ALICE, "wamid.a", DeliveryStatus.DELIVERED, t0.plusSeconds(2));
    whatsapp.on("w", late, sameTimeA, sameTimeB, early);

    route(webhook(WHATSAPP, "w"));

    assertThat(queue.batches())
        .singleElement()
        .isEqualTo(List.<ChannelEvent>of(early, sameTimeA, sameTimeB, late));
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void webhooks_routed_together_publish_all_their_events_at_once_in_acceptance_order() {
    var first = customerWrote(ALICE, "wamid.1", t0.plusSeconds(5), "first");
    var second = agentWrote(BOB, "gen-1", t0.plusSeconds(1), "second");
    var third = customerWrote(BOB, "wamid.2", t0.plusSeconds(2), "third");
    whatsapp.on("w1", first).on("w2", third);
    genesys.on("g1", second);

    service.route(
        new RouteWebhookCommand(
            List.of(webhook(WHATSAPP, "w1"), webhook(GENESYS, "g1"), webhook(WHATSAPP, "w2"))));

    assertThat(queue.batches())
        .as("one publish, the webhooks' events in the order the webhooks were accepted")
        .singleElement()
        .isEqualTo(List.<ChannelEvent>of(first, second, third));
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void of_webhooks_routed_together_only_the_unusable_one_is_set_aside() {
    var good = customerWrote(ALICE, "wamid.1", t0, "good");
    whatsapp.on("good", good).failOn("broken", new IllegalArgumentException("not JSON"));

    service.route(
        new RouteWebhookCommand(List.of(webhook(WHATSAPP, "broken"), webhook(WHATSAPP, "good"))));

    assertThat(queue.published()).containsExactly(good);
    assertThat(deadLetters.webhooks())
        .singleElement()
        .satisfies(
            letter ->
                assertThat(new String(letter.webhook().body(), StandardCharsets.UTF_8))
                    .isEqualTo("broken"));
    assertThat(transactions.started()).as("the problems are set aside together").isEqualTo(1);
  }

  @Test
  void each_side_is_decoded_by_its_own_decoder() {
    var agent = agentWrote(ALICE, "gen-1", t0, "hello");
    genesys.on("g", agent);

    route(webhook(GENESYS, "g"));

    assertThat(queue.published()).containsExactly(agent);
  }

  @Test
  void the_decoder_is_given_the_webhooks_source_with_the_connection_its_address_named() {
    WebhookSource forSales = WebhookSource.of("genesys", new ConnectionId("sales"));
    var agent = TestData.agentWrote(new ConnectionId("sales"), ALICE, "gen-1", t0, "hello");
    genesys.on("g", agent);

    route(webhook(forSales, "g"));
    route(webhook(WHATSAPP, "w"));

    assertThat(genesys.sources()).containsExactly(forSales);
    assertThat(whatsapp.sources()).containsExactly(WHATSAPP);
    assertThat(queue.published()).containsExactly(agent);
  }

  @Test
  void the_problems_go_to_the_dead_letters_with_the_webhook_and_the_good_events_are_published() {
    var hello = customerWrote(ALICE, "wamid.1", t0, "hello");
    whatsapp.on(
        "mixed",
        new Decoded(List.of(hello), List.of("messages[1]: no id", "statuses[0]: no recipient")));
    RawWebhook mixed = webhook(WHATSAPP, "mixed");

    route(mixed);

    assertThat(queue.published()).containsExactly(hello);
    assertThat(deadLetters.webhooks())
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.webhook()).isSameAs(mixed);
              assertThat(letter.reason())
                  .contains("messages[1]: no id")
                  .contains("statuses[0]: no recipient");
            });
  }

  @Test
  void the_dead_letters_are_written_in_a_transaction_only_after_the_events_were_published() {
    List<Integer> deadLettersAtPublish = new ArrayList<>();
    List<Integer> transactionsAtPublish = new ArrayList<>();
    queue.onPublish(
        () -> {
          deadLettersAtPublish.add(deadLetters.kept().size());
          transactionsAtPublish.add(transactions.started());
        });
    whatsapp.on(
        "mixed",
        new Decoded(List.of(customerWrote(ALICE, "wamid.1", t0, "hi")), List.of("bad part")));

    route(webhook(WHATSAPP, "mixed"));

    assertThat(deadLettersAtPublish).containsExactly(0);
    assertThat(transactionsAtPublish).containsExactly(0);
    assertThat(deadLetters.kept()).hasSize(1);
    assertThat(transactions.started()).isEqualTo(1);
  }

  @Test
  void when_publishing_fails_the_error_propagates_and_nothing_is_dead_lettered() {
    whatsapp.on(
        "mixed",
        new Decoded(List.of(customerWrote(ALICE, "wamid.1", t0, "hi")), List.of("bad part")));
    queue.failNextPublish(new IllegalStateException("broker did not confirm"));

    assertThatThrownBy(() -> route(webhook(WHATSAPP, "mixed")))
        .hasMessage("broker did not confirm");

    assertThat(deadLetters.isEmpty()).isTrue();
    assertThat(queue.published()).isEmpty();
  }

  @Test
  void a_retry_after_a_failed_publish_publishes_and_dead_letters_once() {
    var hello = customerWrote(ALICE, "wamid.1", t0, "hi");
    whatsapp.on("mixed", new Decoded(List.of(hello), List.of("bad part")));
    queue.failNextPublish(new IllegalStateException("broker did not confirm"));
    RawWebhook mixed = webhook(WHATSAPP, "mixed");
    assertThatThrownBy(() -> route(mixed)).isInstanceOf(IllegalStateException.class);

    route(mixed);

    assertThat(queue.published()).containsExactly(hello);
    assertThat(deadLetters.webhooks()).hasSize(1);
  }

  @Test
  void an_unusable_webhook_is_dead_lettered_and_nothing_is_published() {
    route(webhook(WHATSAPP, "not json"));

    assertOnlyDeadLettered("unknown body");
  }

  @Test
  void a_decoder_that_throws_sends_the_webhook_to_the_dead_letters() {
    whatsapp.failOn("boom", new IllegalStateException("decoder bug"));

    route(webhook(WHATSAPP, "boom"));

    assertOnlyDeadLettered("decoder bug");
  }

  @Test
  void a_webhook_without_a_decoder_goes_to_the_dead_letters() {
    RouteWebhookService whatsappOnly =
        new RouteWebhookService(List.of(whatsapp), queue, deadLetters, transactions);

    whatsappOnly.route(new RouteWebhookCommand(webhook(GENESYS, "g")));

    assertOnlyDeadLettered("no decoder for genesys");
  }

  @Test
  void a_webhook_with_nothing_in_it_publishes_nothing_and_starts_no_transaction() {
    whatsapp.on("empty", new Decoded(List.of(), List.of()));

    route(webhook(WHATSAPP, "empty"));

    assertThat(queue.batches()).isEmpty();
    assertThat(deadLetters.isEmpty()).isTrue();
    assertThat(transactions.started()).isZero();
  }
}
