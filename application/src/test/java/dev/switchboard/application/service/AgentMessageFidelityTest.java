package dev.switchboard.application.service;

import static dev.switchboard.application.service.TestData.ALICE;
import static dev.switchboard.application.service.TestData.DEFAULT;
import static dev.switchboard.application.service.TestData.GENESYS;
import static dev.switchboard.application.service.TestData.ROUTE;
import static dev.switchboard.application.service.TestData.WHATSAPP;
import static dev.switchboard.application.service.TestData.agentWrote;
import static dev.switchboard.application.service.TestData.customerWrote;
import static dev.switchboard.application.service.TestData.key;
import static dev.switchboard.application.service.TestData.statusReported;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.application.connection.Connections;
import dev.switchboard.application.fakes.InMemoryContactDirectory;
import dev.switchboard.application.fakes.InMemoryConversations;
import dev.switchboard.application.fakes.InMemoryDeadLetters;
import dev.switchboard.application.fakes.InMemoryDeliveries;
import dev.switchboard.application.fakes.InMemoryInbox;
import dev.switchboard.application.fakes.InMemoryMediaStore;
import dev.switchboard.application.fakes.InMemoryObserver;
import dev.switchboard.application.fakes.InMemoryOutbox;
import dev.switchboard.application.fakes.InMemoryProcessedMessages;
import dev.switchboard.application.fakes.InMemoryTransactions;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.fakes.RecordingContactCenter;
import dev.switchboard.application.fakes.RecordingMessagingChannel;
import dev.switchboard.application.fakes.ScriptedWebhookDecoder;
import dev.switchboard.application.fakes.TestConnections;
import dev.switchboard.application.fakes.TestUseCases;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.ChannelSend;
import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.in.DispatchOutboxCommand;
import dev.switchboard.application.port.in.ProcessInboxCommand;
import dev.switchboard.application.port.out.PipelineObserver;
import dev.switchboard.application.usecase.ReengageCustomer;
import dev.switchboard.domain.conversation.Reengagement;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import dev.switchboard.domain.message.QuickReply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Nothing an agent sends is lost in translation, through both services: a split text gets one
 * receipt and stops after a refused part, options offered as numbers are answered by the number,
 * and outside the window messages are held for re-engagement and released when the customer writes.
 */
class AgentMessageFidelityTest {

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final Instant t0 = clock.instant();
  private final InMemoryInbox inbox = new InMemoryInbox();
  private final InMemoryOutbox outbox = new InMemoryOutbox(clock);
  private final InMemoryConversations conversations = new InMemoryConversations();
  private final InMemoryDeliveries deliveries = new InMemoryDeliveries(clock);
  private final InMemoryTransactions transactions = new InMemoryTransactions();
  private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();
  private final RecordingContactCenter contactCenter = new RecordingContactCenter();
  private final RecordingMessagingChannel channel = new RecordingMessagingChannel();
  private final ScriptedWebhookDecoder whatsapp = new ScriptedWebhookDecoder("whatsapp");
  private final ScriptedWebhookDecoder genesys = new ScriptedWebhookDecoder("genesys");
  private final Wakeup wakeup = new Wakeup();
  private final Connections connections = TestConnections.whatsApp(channel);
  private final ReengageCustomer reengage =
      TestUseCases.reengageCustomer(outbox, conversations, deliveries, clock);

  private final ProcessInboxService processing =
      new ProcessInboxService(
          List.of(whatsapp, genesys),
          inbox,
          TestUseCases.channelEvents(
              connections,
              outbox,
              conversations,
              deliveries,
              new InMemoryContactDirectory(),
              new InMemoryProcessedMessages(),
              new InMemoryObserver(),
              clock),
          deadLetters,
          transactions,
          wakeup);

  private final DispatchOutboxService dispatching =
      new DispatchOutboxService(
          outbox,
          contactCenter,
          connections,
          new InMemoryMediaStore(clock),
          Duration.ofHours(24),
          TestUseCases.recordDeliveryStatus(conversations, deliveries, outbox, clock),
          reengage,
          deadLetters,
          transactions,
          new RetryPolicy(
              Duration.ofMillis(500),
              Duration.ofMinutes(5),
              Duration.ofHours(24),
              FixedRandom.highest()),
          clock,
          Runnable::run,
          1,
          wakeup,
          Duration.ZERO,
          PipelineObserver.NONE);

  private int webhooks;

  /** The webhook is processed, and everything due is sent. */
  private void arrives(WebhookSource source, ChannelEvent event) {
    processes(source, event);
    dispatchAll();
  }

  /** The webhook is processed; nothing is sent yet. */
  private void processes(WebhookSource source, ChannelEvent event) {
    String body = "webhook-" + ++webhooks;
    (source.equals(WHATSAPP) ? whatsapp : genesys).on(body, event);
    inbox.append(new RawWebhook(source, body.getBytes(StandardCharsets.UTF_8), clock.instant()));
    processing.process(new ProcessInboxCommand(10));
  }

  private void dispatchAll() {
    while (dispatching.dispatch(new DispatchOutboxCommand(10)) > 0) {
      // until everything due is sent
    }
  }

  private void customerWritesAt(Instant at, String wamid, String text) {
    arrives(WHATSAPP, customerWrote(ALICE, wamid, at, text));
  }

  private void statusOf(String wamid, DeliveryStatus status) {
    arrives(WHATSAPP, statusReported(ALICE, wamid, status, clock.instant()));
  }

  private List<String> sentTexts() {
    List<String> texts = new ArrayList<>();
    for (ChannelSend send : channel.sent()) {
      OutboundContent content = send.message().content();
      texts.add(content instanceof OutboundContent.Text text ? text.body() : content.toString());
    }
    return texts;
  }

  private List<DeliveryReceipt> receiptsOf(String genesysId) {
    return contactCenter.reported().stream()
        .filter(r -> r.contactCenterMessageId().equals(genesysId))
        .toList();
  }

  /** Three paragraphs that each fill most of a send, so that each is a send of its own. */
  private static String threeParts() {
    return String.join(
        "\n\n",
        IntStream.range(0, 3)
            .mapToObj(i -> "Paragraph " + i + ". " + "lorem ipsum ".repeat(300).strip())
            .toList());
  }

  @Nested
  class SplitTexts {

    @Test
    void a_refused_part_gives_one_failed_receipt_and_the_parts_after_it_are_not_sent() {
      customerWritesAt(t0, "wamid.in", "hi");
      DeliveryFailure undeliverable =
          new DeliveryFailure(FailureReason.INVALID_DESTINATION, "Message undeliverable");
      channel.willAnswer(
          new DispatchOutcome.Done(List.of("wamid.part0")),
          new DispatchOutcome.Refused(undeliverable));

      arrives(GENESYS, agentWrote(ALICE, "gen-long", t0, threeParts()));
      statusOf("wamid.part0", DeliveryStatus.DELIVERED);

      assertThat(sentTexts()).hasSize(2);
      assertThat(sentTexts().get(0)).startsWith("Paragraph 0.");
      assertThat(sentTexts().get(1)).startsWith("Paragraph 1.");
      assertThat(receiptsOf("gen-long"))
          .singleElement()
          .satisfies(
              receipt -> {
                assertThat(receipt.outcome()).isEqualTo(DeliveryReceipt.Outcome.FAILED);
                assertThat(receipt.reasons()).containsExactly(undeliverable);
              });
      assertThat(outbox.pending()).isZero();
    }

    @Test
    void a_part_that_fails_later_stops_the_parts_not_sent_yet_and_tells_the_agent_once() {
      customerWritesAt(t0, "wamid.in", "hi");
      channel.willAnswer(new DispatchOutcome.Done(List.of("wamid.part0")));
      processes(GENESYS, agentWrote(ALICE, "gen-long", t0, threeParts()));
      dispatching.dispatch(new DispatchOutboxCommand(1));
      assertThat(sentTexts()).as("the first part only").hasSize(1);

      // the first part fails before the second is sent
      processes(
          WHATSAPP,
          statusReported(
              ALICE,
              "wamid.part0",
              DeliveryStatus.FAILED,
              clock.instant(),
              new DeliveryFailure(FailureReason.INVALID_DESTINATION, "undeliverable")));
      dispatchAll();

      assertThat(sentTexts()).hasSize(1);
      assertThat(receiptsOf("gen-long"))
          .extracting(DeliveryReceipt::outcome)
          .containsExactly(DeliveryReceipt.Outcome.FAILED);
      assertThat(outbox.pending()).isZero();
    }

    @Test
    void the_message_is_delivered_once_every_part_is_whatever_order_the_statuses_come_in() {
      customerWritesAt(t0, "wamid.in", "hi");
      channel.willAnswer(
          new DispatchOutcome.Done(List.of("wamid.p0")),
          new DispatchOutcome.Done(List.of("wamid.p1")),
          new DispatchOutcome.Done(List.of("wamid.p2")));
      arrives(GENESYS, agentWrote(ALICE, "gen-long", t0, threeParts()));

      statusOf("wamid.p2", DeliveryStatus.DELIVERED);
      statusOf("wamid.p0", DeliveryStatus.READ);
      assertThat(receiptsOf("gen-long")).as("a part is still on its way").isEmpty();

      statusOf("wamid.p1", DeliveryStatus.DELIVERED);
      statusOf("wamid.p1", DeliveryStatus.READ);
      statusOf("wamid.p0", DeliveryStatus.FAILED);

      assertThat(receiptsOf("gen-long"))
          .extracting(DeliveryReceipt::outcome)
          .containsExactly(DeliveryReceipt.Outcome.DELIVERED);
    }

    @Test
    void a_later_failure_of_a_delivered_part_after_another_failed_changes_nothing() {
      customerWritesAt(t0, "wamid.in", "hi");
      channel.willAnswer(
          new DispatchOutcome.Done(List.of("wamid.p0")),
          new DispatchOutcome.Done(List.of("wamid.p1")),
          new DispatchOutcome.Done(List.of("wamid.p2")));
      arrives(GENESYS, agentWrote(ALICE, "gen-long", t0, threeParts()));

      statusOf("wamid.p1", DeliveryStatus.FAILED);
      statusOf("wamid.p0", DeliveryStatus.FAILED);
      statusOf("wamid.p2", DeliveryStatus.DELIVERED);

      assertThat(receiptsOf("gen-long"))
          .extracting(DeliveryReceipt::outcome)
          .containsExactly(DeliveryReceipt.Outcome.FAILED);
    }
  }

  @Nested
  class NumberedOptions {

    private final List<QuickReply> stores =
        IntStream.rangeClosed(1, 12)
            .mapToObj(i -> new QuickReply("Store " + i, "store-" + i))
            .toList();

    private void agentOffersStores() {
      arrives(
          GENESYS,
          new ChannelEvent.AgentMessage(
              DEFAULT,
              new OutboundMessage(
                  "gen-stores", ALICE, new OutboundContent.QuickReplies("Which store?", stores)),
              t0));
    }

    @Test
    void the_customers_number_answers_the_offer_with_the_options_payload() {
      customerWritesAt(t0, "wamid.in", "hi");
      agentOffersStores();
      assertThat(sentTexts()).singleElement().asString().contains("12. Store 12");

      clock.advance(Duration.ofMinutes(1));
      customerWritesAt(clock.instant(), "wamid.three", " 3 ");

      assertThat(contactCenter.answered())
          .singleElement()
          .satisfies(
              choice -> {
                assertThat(choice.contactCenterMessageId()).isEqualTo("gen-stores");
                assertThat(choice.reply()).isEqualTo(new QuickReply("Store 3", "store-3"));
                assertThat(choice.channelMessageId()).isEqualTo("wamid.three");
              });
      assertThat(contactCenter.forwarded())
          .extracting(InboundMessage::channelMessageId)
          .containsExactly("wamid.in");
    }

    @Test
    void only_the_next_message_answers_and_a_number_out_of_range_is_plain_text() {
      customerWritesAt(t0, "wamid.in", "hi");
      agentOffersStores();

      clock.advance(Duration.ofMinutes(1));
      customerWritesAt(clock.instant(), "wamid.13", "13");
      clock.advance(Duration.ofMinutes(1));
      customerWritesAt(clock.instant(), "wamid.2", "2");

      assertThat(contactCenter.answered()).isEmpty();
      assertThat(contactCenter.forwarded())
          .extracting(InboundMessage::channelMessageId)
          .containsExactly("wamid.in", "wamid.13", "wamid.2");
    }

    @Test
    void options_the_channel_shows_to_tap_are_not_answered_by_numbers() {
      customerWritesAt(t0, "wamid.in", "hi");
      arrives(
          GENESYS,
          new ChannelEvent.AgentMessage(
              DEFAULT,
              new OutboundMessage(
                  "gen-two",
                  ALICE,
                  new OutboundContent.QuickReplies("Which store?", stores.subList(0, 2))),
              t0));

      customerWritesAt(t0.plusSeconds(60), "wamid.1", "1");

      assertThat(contactCenter.answered()).isEmpty();
      assertThat(contactCenter.forwarded()).hasSize(2);
    }
  }

  @Nested
  class HoldAndReengage {

    private final OutboundContent.Template template =
        new OutboundContent.Template("acme", "we_have_a_reply", "en_US", List.of(), null);

    private final Duration hold = Duration.ofDays(7);

    private void windowClosed() {
      channel.reengaging(new Reengagement(template, hold));
      customerWritesAt(t0, "wamid.in", "hi");
      clock.advance(Duration.ofHours(30));
    }

    private List<ChannelSend> templatesSent() {
      return channel.sent().stream()
          .filter(send -> send.message().content() instanceof OutboundContent.Template)
          .toList();
    }

    @Test
    void
        messages_outside_the_window_are_held_the_template_goes_once_and_they_go_when_the_customer_writes() {
      windowClosed();

      arrives(GENESYS, agentWrote(ALICE, "gen-1", clock.instant(), "Your refund was approved"));
      arrives(GENESYS, agentWrote(ALICE, "gen-2", clock.instant(), "It takes 3 days"));

      assertThat(templatesSent())
          .singleElement()
          .satisfies(
              send -> {
                assertThat(send.message().content()).isEqualTo(template);
                assertThat(send.message().recipient()).isEqualTo(ALICE);
                assertThat(send.route()).isEqualTo(ROUTE);
              });
      assertThat(channel.sent()).as("only the template").hasSize(1);
      assertThat(contactCenter.reported()).as("held messages have no receipt yet").isEmpty();

      clock.advance(Duration.ofHours(2));
      customerWritesAt(clock.instant(), "wamid.back", "yes, tell me");

      assertThat(sentTexts().subList(1, 3))
          .containsExactly("Your refund was approved", "It takes 3 days");
      assertThat(conversations.held(key(ALICE))).isEmpty();
      statusOf("wamid.fake.2", DeliveryStatus.DELIVERED);
      statusOf("wamid.fake.3", DeliveryStatus.DELIVERED);
      assertThat(contactCenter.reported())
          .extracting(DeliveryReceipt::contactCenterMessageId, DeliveryReceipt::outcome)
          .containsExactly(
              tuple("gen-1", DeliveryReceipt.Outcome.DELIVERED),
              tuple("gen-2", DeliveryReceipt.Outcome.DELIVERED));
    }

    @Test
    void the_template_goes_again_only_after_the_customer_wrote_and_the_window_closed_again() {
      windowClosed();
      arrives(GENESYS, agentWrote(ALICE, "gen-1", clock.instant(), "first"));
      clock.advance(Duration.ofHours(1));
      customerWritesAt(clock.instant(), "wamid.back", "ok");
      clock.advance(Duration.ofHours(25));

      arrives(GENESYS, agentWrote(ALICE, "gen-2", clock.instant(), "second"));

      assertThat(templatesSent()).hasSize(2);
      assertThat(sentTexts()).doesNotContain("second");
    }

    @Test
    void a_message_held_past_the_hold_fails_as_expired_and_is_never_sent() {
      windowClosed();
      arrives(GENESYS, agentWrote(ALICE, "gen-old", clock.instant(), "old news"));
      clock.advance(Duration.ofDays(3));
      arrives(GENESYS, agentWrote(ALICE, "gen-new", clock.instant(), "fresh news"));

      ExpireHeldMessagesService expiry =
          new ExpireHeldMessagesService(connections, reengage, transactions);
      assertThat(expiry.expireHeldMessages()).as("nothing is due yet").isZero();
      clock.advance(Duration.ofDays(4).plusSeconds(1));
      assertThat(expiry.expireHeldMessages()).isEqualTo(1);
      while (dispatching.dispatch(new DispatchOutboxCommand(10)) > 0) {
        // the receipt goes out
      }

      assertThat(receiptsOf("gen-old"))
          .singleElement()
          .satisfies(
              receipt -> {
                assertThat(receipt.outcome()).isEqualTo(DeliveryReceipt.Outcome.FAILED);
                assertThat(receipt.reasons())
                    .extracting(DeliveryFailure::reason)
                    .containsExactly(FailureReason.MESSAGE_EXPIRED);
                assertThat(receipt.reasons().get(0).message()).contains("7 days");
              });
      customerWritesAt(clock.instant(), "wamid.back", "hello again");
      assertThat(sentTexts()).contains("fresh news").doesNotContain("old news");
      assertThat(receiptsOf("gen-new")).isEmpty();
    }

    @Test
    void held_messages_fail_at_once_when_the_channel_refuses_the_template() {
      windowClosed();
      channel.willAnswer(
          new DispatchOutcome.Refused(
              new DeliveryFailure(
                  FailureReason.GENERAL_ERROR, "Template name does not exist in the translation")));

      arrives(GENESYS, agentWrote(ALICE, "gen-1", clock.instant(), "Your refund was approved"));

      assertThat(templatesSent()).hasSize(1);
      assertThat(receiptsOf("gen-1"))
          .singleElement()
          .satisfies(
              receipt -> {
                assertThat(receipt.outcome()).isEqualTo(DeliveryReceipt.Outcome.FAILED);
                assertThat(receipt.reasons().get(0).message())
                    .contains("re-engagement template could not be sent")
                    .contains("Template name does not exist");
              });
      assertThat(conversations.held(key(ALICE))).isEmpty();
      assertThat(deadLetters.isEmpty())
          .as("the template's refusal is the agent's to hear")
          .isTrue();

      customerWritesAt(clock.instant(), "wamid.back", "hello");
      assertThat(sentTexts()).doesNotContain("Your refund was approved");
    }

    @Test
    void after_a_refused_template_the_next_message_in_the_same_closed_window_tries_it_again() {
      windowClosed();
      channel.willAnswer(
          new DispatchOutcome.Refused(
              new DeliveryFailure(FailureReason.GENERAL_ERROR, "template paused")));
      arrives(GENESYS, agentWrote(ALICE, "gen-1", clock.instant(), "first"));

      arrives(GENESYS, agentWrote(ALICE, "gen-2", clock.instant(), "second"));

      assertThat(templatesSent()).hasSize(2);
      assertThat(conversations.held(key(ALICE)))
          .extracting(held -> held.message().contactCenterMessageId())
          .containsExactly("gen-2");
    }

    @Test
    void a_late_message_from_before_the_window_closed_releases_nothing() {
      windowClosed();
      arrives(GENESYS, agentWrote(ALICE, "gen-1", clock.instant(), "held"));

      customerWritesAt(t0.plusSeconds(60), "wamid.late", "an old message delivered late");

      assertThat(sentTexts()).doesNotContain("held");
      assertThat(conversations.held(key(ALICE))).hasSize(1);
      assertThat(contactCenter.forwarded())
          .extracting(InboundMessage::channelMessageId)
          .contains("wamid.late");
    }

    @Test
    void messages_held_before_re_engagement_was_turned_off_still_expire() {
      windowClosed();
      arrives(GENESYS, agentWrote(ALICE, "gen-1", clock.instant(), "held"));
      channel.reengaging(null);
      clock.advance(Reengagement.DEFAULT_HOLD.plusSeconds(1));

      int expired =
          new ExpireHeldMessagesService(connections, reengage, transactions).expireHeldMessages();

      assertThat(expired).isOne();
      dispatchAll();
      assertThat(receiptsOf("gen-1"))
          .singleElement()
          .extracting(r -> r.reasons().get(0).reason())
          .isEqualTo(FailureReason.MESSAGE_EXPIRED);
    }

    @Test
    void without_a_re_engagement_template_a_message_outside_the_window_fails_as_expired() {
      customerWritesAt(t0, "wamid.in", "hi");
      clock.advance(Duration.ofHours(30));

      arrives(GENESYS, agentWrote(ALICE, "gen-late", clock.instant(), "too late"));

      assertThat(channel.sent()).isEmpty();
      assertThat(receiptsOf("gen-late"))
          .singleElement()
          .extracting(r -> r.reasons().get(0).reason())
          .isEqualTo(FailureReason.MESSAGE_EXPIRED);
    }
  }
}
