package dev.switchboard.application.service;

import static dev.switchboard.application.service.TestData.ALICE;
import static dev.switchboard.application.service.TestData.BOB;
import static dev.switchboard.application.service.TestData.DEFAULT;
import static dev.switchboard.application.service.TestData.GENESYS;
import static dev.switchboard.application.service.TestData.ROUTE;
import static dev.switchboard.application.service.TestData.WHATSAPP;
import static dev.switchboard.application.service.TestData.agentWrote;
import static dev.switchboard.application.service.TestData.customerWrote;
import static dev.switchboard.application.service.TestData.inbound;
import static dev.switchboard.application.service.TestData.key;
import static dev.switchboard.application.service.TestData.statusReported;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.application.fakes.InMemoryContactDirectory;
import dev.switchboard.application.fakes.InMemoryConversations;
import dev.switchboard.application.fakes.InMemoryDeadLetters;
import dev.switchboard.application.fakes.InMemoryDeliveries;
import dev.switchboard.application.fakes.InMemoryInbox;
import dev.switchboard.application.fakes.InMemoryObserver;
import dev.switchboard.application.fakes.InMemoryOutbox;
import dev.switchboard.application.fakes.InMemoryProcessedMessages;
import dev.switchboard.application.fakes.InMemoryTransactions;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.fakes.RecordingMessagingChannel;
import dev.switchboard.application.fakes.ScriptedWebhookDecoder;
import dev.switchboard.application.fakes.TestConnections;
import dev.switchboard.application.fakes.TestUseCases;
import dev.switchboard.application.fakes.WakeupProbe;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Decoded;
import dev.switchboard.application.pipeline.InboxEvent;
import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.in.ProcessInboxCommand;
import dev.switchboard.application.usecase.ChannelEvents;
import dev.switchboard.application.usecase.SendAgentMessage;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.Conversation;
import dev.switchboard.domain.conversation.MessageWindow;
import dev.switchboard.domain.customer.ReplyRoute;
import dev.switchboard.domain.delivery.Delivery;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.MediaKind;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import dev.switchboard.domain.message.QuickReply;
import dev.switchboard.domain.message.ReplyChoice;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProcessInboxServiceTest {

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final Instant t0 = clock.instant();
  private final InMemoryInbox inbox = new InMemoryInbox();
  private final InMemoryOutbox outbox = new InMemoryOutbox(clock);
  private final InMemoryConversations conversations = new InMemoryConversations();
  private final InMemoryDeliveries deliveries = new InMemoryDeliveries();
  private final InMemoryContactDirectory contacts = new InMemoryContactDirectory();
  private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();
  private final InMemoryTransactions transactions = new InMemoryTransactions();
  private final ScriptedWebhookDecoder whatsapp = new ScriptedWebhookDecoder("whatsapp");
  private final ScriptedWebhookDecoder genesys = new ScriptedWebhookDecoder("genesys");
  private final Wakeup dispatcher = new Wakeup();

  private final InMemoryProcessedMessages processed = new InMemoryProcessedMessages(clock);
  private final InMemoryObserver meters = new InMemoryObserver();

  /** What WhatsApp's 24-hour window being closed tells the agent. */
  private static final DeliveryFailure WINDOW_CLOSED =
      SendAgentMessage.windowClosed(Duration.ofHours(24));

  private final ChannelEvents events =
      TestUseCases.channelEvents(
          TestConnections.whatsApp(new RecordingMessagingChannel()),
          outbox,
          conversations,
          deliveries,
          contacts,
          processed,
          meters,
          clock);

  private final ProcessInboxService service =
      new ProcessInboxService(
          List.of(whatsapp, genesys), inbox, events, deadLetters, transactions, dispatcher);

  private void receive(WebhookSource source, String body) {
    inbox.append(new RawWebhook(source, body.getBytes(StandardCharsets.UTF_8), clock.instant()));
  }

  private int processAll() {
    return service.process(new ProcessInboxCommand(100));
  }

  private List<InboundMessage> forwarded() {
    return outbox.items(OutboxItem.ForwardToContactCenter.class).stream()
        .map(OutboxItem.ForwardToContactCenter::message)
        .toList();
  }

  private List<DeliveryReceipt> receipts() {
    return outbox.items(OutboxItem.ReportToContactCenter.class).stream()
        .map(OutboxItem.ReportToContactCenter::receipt)
        .toList();
  }

  private List<OutboxItem.SendToCustomer> sends() {
    return outbox.items(OutboxItem.SendToCustomer.class);
  }

  private static String body(RawWebhook webhook) {
    return new String(webhook.body(), StandardCharsets.UTF_8);
  }

  @Nested
  class CustomerMessages {

    @Test
    void a_customer_message_is_forwarded_in_the_customers_contact_center_lane() {
      ChannelEvent.CustomerMessage hello = customerWrote(ALICE, "wamid.1", t0, "hello");
      whatsapp.on("w1", hello);
      receive(WHATSAPP, "w1");

      assertThat(processAll()).isEqualTo(1);

      assertThat(outbox.itemsIn(Lanes.toContactCenter(key(ALICE))))
          .containsExactly(new OutboxItem.ForwardToContactCenter(DEFAULT, hello.message()));
      assertThat(outbox.pending()).isEqualTo(1);
      assertThat(inbox.backlog()).isZero();
      assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void the_forward_carries_its_webhooks_acceptance_time_and_the_observer_hears_of_it() {
      ChannelEvent.CustomerMessage hello = customerWrote(ALICE, "wamid.1", t0, "hello");
      whatsapp.on("w1", hello);
      Instant accepted = clock.instant();
      receive(WHATSAPP, "w1");
      clock.advance(Duration.ofMillis(40));

      processAll();

      assertThat(outbox.claimDue(clock.instant(), 10))
          .extracting(OutboxEntry::acceptedAt)
          .containsExactly(accepted);
      assertThat(meters.told()).containsExactly("processed wamid.1 " + accepted, "queued wamid.1");
    }

    @Test
    void the_message_opens_the_window_and_is_remembered_with_its_route() {
      whatsapp.on("w1", customerWrote(ALICE, "wamid.1", t0, "hello"));
      receive(WHATSAPP, "w1");

      processAll();

      var conversation = conversations.find(key(ALICE)).orElseThrow();
      assertThat(conversation.window().lastCustomerMessageAt()).isEqualTo(t0);
      assertThat(conversation.route()).contains(ROUTE);
      assertThat(conversation.lastCustomerMessageId()).contains("wamid.1");
      assertThat(contacts.find(DEFAULT, ALICE))
          .hasValueSatisfying(c -> assertThat(c.displayName()).isEqualTo("Alice"));
    }

    @Test
    void the_decoder_is_given_the_webhooks_source() {
      whatsapp.on("w1", customerWrote(ALICE, "wamid.1", t0, "hello"));
      genesys.on("g1", agentWrote(ALICE, "gen-1", t0, "hi"));
      receive(WHATSAPP, "w1");
      receive(GENESYS, "g1");

      processAll();

      assertThat(whatsapp.sources()).containsExactly(WebhookSource.of("whatsapp"));
      assertThat(genesys.sources()).containsExactly(WebhookSource.of("genesys", DEFAULT));
    }

    @Test
    void processing_wakes_the_dispatcher() {
      whatsapp.on("w1", customerWrote(ALICE, "wamid.1", t0, "hello"));
      receive(WHATSAPP, "w1");

      processAll();

      assertThat(WakeupProbe.wasSignalled(dispatcher)).isTrue();
    }

    @Test
    void nothing_to_process_wakes_no_one() {
      assertThat(processAll()).isZero();

      assertThat(WakeupProbe.wasSignalled(dispatcher)).isFalse();
    }

    @Test
    void a_wamid_repeated_in_one_webhook_has_one_effect() {
      ChannelEvent.CustomerMessage hello = customerWrote(ALICE, "wamid.1", t0, "hello");
      whatsapp.on("w1", hello, hello);
      receive(WHATSAPP, "w1");

      processAll();

      assertThat(forwarded()).containsExactly(hello.message());
    }

    @Test
    void a_redelivered_webhook_has_one_effect() {
      ChannelEvent.CustomerMessage hello = customerWrote(ALICE, "wamid.1", t0, "hello");
      whatsapp.on("w1", hello);
      receive(WHATSAPP, "w1");
      processAll();
      outbox.complete(outbox.entries().get(0).id()); // dispatched meanwhile

      receive(WHATSAPP, "w1");
      assertThat(processAll()).isEqualTo(1);

      assertThat(outbox.pending()).isZero();
      assertThat(inbox.backlog()).isZero();
    }

    @Test
    void a_wamid_in_two_different_webhooks_has_one_effect() {
      ChannelEvent.CustomerMessage hello = customerWrote(ALICE, "wamid.1", t0, "hello");
      ChannelEvent.CustomerMessage again = customerWrote(ALICE, "wamid.2", t0.plusSeconds(1), "?");
      whatsapp.on("w1", hello).on("w2", again, hello);
      receive(WHATSAPP, "w1");
      receive(WHATSAPP, "w2");

      processAll();

      assertThat(forwarded()).containsExactly(hello.message(), again.message());
    }

    @Test
    void the_events_of_one_webhook_are_handled_in_time_order_ties_in_document_order() {
      var third = customerWrote(ALICE, "wamid.c", t0.plusSeconds(3), "third");
      var first = customerWrote(ALICE, "wamid.a", t0.plusSeconds(1), "first");
      var secondA = customerWrote(ALICE, "wamid.b1", t0.plusSeconds(2), "second (a)");
      var secondB = customerWrote(ALICE, "wamid.b2", t0.plusSeconds(2), "second (b)");
      whatsapp.on("w1", third, secondA, first, secondB);
      receive(WHATSAPP, "w1");

      processAll();

      assertThat(outbox.itemsIn(Lanes.toContactCenter(key(ALICE))))
          .extracting(i -> ((OutboxItem.ForwardToContactCenter) i).message().channelMessageId())
          .containsExactly("wamid.a", "wamid.b1", "wamid.b2", "wamid.c");
    }

    @Test
    void webhooks_are_handled_in_acceptance_order() {
      var later = customerWrote(ALICE, "wamid.2", t0.plusSeconds(10), "accepted first");
      var earlier = customerWrote(ALICE, "wamid.1", t0, "accepted second");
      whatsapp.on("w1", later).on("w2", earlier);
      receive(WHATSAPP, "w1");
      receive(WHATSAPP, "w2");

      processAll();

      assertThat(forwarded()).containsExactly(later.message(), earlier.message());
      assertThat(conversations.find(key(ALICE)).orElseThrow().window().lastCustomerMessageAt())
          .isEqualTo(t0.plusSeconds(10));
    }

    @Test
    void customers_each_get_their_own_lane() {
      whatsapp.on(
          "w1",
          customerWrote(ALICE, "wamid.a", t0, "from alice"),
          customerWrote(BOB, "wamid.b", t0, "from bob"));
      receive(WHATSAPP, "w1");

      processAll();

      assertThat(outbox.itemsIn(Lanes.toContactCenter(key(ALICE)))).hasSize(1);
      assertThat(outbox.itemsIn(Lanes.toContactCenter(key(BOB)))).hasSize(1);
    }

    @Test
    void a_missing_nickname_is_filled_in_from_the_contact_directory() {
      whatsapp
          .on(
              "w1",
              new ChannelEvent.CustomerMessage(
                  DEFAULT, inbound(ALICE, "Alice", "wamid.1", t0, "hi")))
          .on(
              "w2",
              new ChannelEvent.CustomerMessage(
                  DEFAULT, inbound(ALICE, null, "wamid.2", t0.plusSeconds(5), "still me")));
      receive(WHATSAPP, "w1");
      receive(WHATSAPP, "w2");

      processAll();

      assertThat(forwarded())
          .extracting(m -> m.sender().displayName())
          .containsExactly("Alice", "Alice");
      assertThat(forwarded().get(1).channelMessageId()).isEqualTo("wamid.2");
      assertThat(forwarded().get(1).content())
          .isEqualTo(inbound(ALICE, "wamid.2", t0, "still me").content());
      assertThat(contacts.find(DEFAULT, ALICE).orElseThrow().displayName()).isEqualTo("Alice");
    }

    @Test
    void a_new_nickname_replaces_the_known_one() {
      whatsapp
          .on(
              "w1",
              new ChannelEvent.CustomerMessage(
                  DEFAULT, inbound(ALICE, "Alice", "wamid.1", t0, "hi")))
          .on(
              "w2",
              new ChannelEvent.CustomerMessage(
                  DEFAULT, inbound(ALICE, "Alice B.", "wamid.2", t0.plusSeconds(5), "renamed")));
      receive(WHATSAPP, "w1");
      receive(WHATSAPP, "w2");

      processAll();

      assertThat(forwarded().get(1).sender().displayName()).isEqualTo("Alice B.");
      assertThat(contacts.find(DEFAULT, ALICE).orElseThrow().displayName()).isEqualTo("Alice B.");
    }

    @Test
    void a_customer_never_named_stays_unnamed() {
      whatsapp.on(
          "w1",
          new ChannelEvent.CustomerMessage(DEFAULT, inbound(ALICE, null, "wamid.1", t0, "hi")));
      receive(WHATSAPP, "w1");

      processAll();

      assertThat(forwarded())
          .singleElement()
          .satisfies(m -> assertThat(m.sender().displayName()).isNull());
    }

    @Test
    void takes_no_more_events_than_asked() {
      whatsapp
          .on("w1", customerWrote(ALICE, "wamid.1", t0, "1"))
          .on("w2", customerWrote(ALICE, "wamid.2", t0, "2"))
          .on("w3", customerWrote(ALICE, "wamid.3", t0, "3"));
      receive(WHATSAPP, "w1");
      receive(WHATSAPP, "w2");
      receive(WHATSAPP, "w3");

      assertThat(service.process(new ProcessInboxCommand(2))).isEqualTo(2);

      assertThat(inbox.backlog()).isEqualTo(1);
      assertThat(forwarded())
          .extracting(InboundMessage::channelMessageId)
          .containsExactly("wamid.1", "wamid.2");
    }
  }

  @Nested
  class AgentMessages {

    private void customerWroteAt(Instant at) {
      whatsapp.on("customer", customerWrote(ALICE, "wamid.in", at, "hello"));
      receive(WHATSAPP, "customer");
      processAll();
    }

    @Test
    void inside_the_window_the_message_goes_to_the_customers_lane_by_their_route() {
      customerWroteAt(t0);
      clock.advance(Duration.ofHours(23));
      var reply = agentWrote(ALICE, "gen-1", clock.instant(), "how can I help?");
      genesys.on("g1", reply);
      receive(GENESYS, "g1");

      processAll();

      assertThat(outbox.itemsIn(Lanes.toCustomer(key(ALICE))))
          .containsExactly(new OutboxItem.SendToCustomer(DEFAULT, reply.message(), ROUTE, true));
      assertThat(receipts()).isEmpty();
    }

    @Test
    void
        outside_the_window_nothing_is_sent_and_the_contact_center_gets_a_message_expired_receipt() {
      customerWroteAt(t0);
      clock.advance(Duration.ofHours(24));
      genesys.on("g1", agentWrote(ALICE, "gen-1", clock.instant(), "too late"));
      receive(GENESYS, "g1");

      processAll();

      assertThat(sends()).isEmpty();
      assertThat(outbox.itemsIn(Lanes.toContactCenter(key(ALICE))))
          .endsWith(
              new OutboxItem.ReportToContactCenter(
                  DEFAULT,
                  DeliveryReceipt.failed("gen-1", ALICE, List.of(WINDOW_CLOSED), clock.instant())));
      assertThat(WINDOW_CLOSED.reason()).isEqualTo(FailureReason.MESSAGE_EXPIRED);
      assertThat(WINDOW_CLOSED.message())
          .isEqualTo(
              "The 24-hour customer service window is closed: only a template message can be sent"
                  + " until the customer writes again.");
    }

    @Test
    void the_window_is_judged_by_the_clock_when_processed() {
      customerWroteAt(t0);
      genesys.on("g1", agentWrote(ALICE, "gen-1", t0.plusSeconds(1), "written in time"));
      receive(GENESYS, "g1");
      clock.advance(Duration.ofHours(25)); // processed late

      processAll();

      assertThat(sends()).isEmpty();
      assertThat(receipts())
          .extracting(DeliveryReceipt::outcome)
          .containsExactly(DeliveryReceipt.Outcome.FAILED);
    }

    @Test
    void
        a_customer_who_never_wrote_gets_nothing_and_the_contact_center_a_message_expired_receipt() {
      genesys.on("g1", agentWrote(BOB, "gen-1", t0, "hello stranger"));
      receive(GENESYS, "g1");

      processAll();

      assertThat(sends()).isEmpty();
      assertThat(receipts())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.customer()).isEqualTo(BOB);
                assertThat(r.reasons())
                    .extracting(DeliveryFailure::reason)
                    .containsExactly(FailureReason.MESSAGE_EXPIRED);
              });
    }

    @Test
    void an_empty_message_is_refused_with_the_policys_reason() {
      customerWroteAt(t0);
      genesys.on("g1", agentWrote(ALICE, "gen-1", t0, "   "));
      receive(GENESYS, "g1");

      processAll();

      assertThat(sends()).isEmpty();
      assertThat(receipts())
          .singleElement()
          .satisfies(
              r ->
                  assertThat(r.reasons())
                      .extracting(DeliveryFailure::reason)
                      .containsExactly(FailureReason.INVALID_MESSAGE_STRUCTURE));
    }

    @Test
    void a_repeated_genesys_id_is_sent_once() {
      customerWroteAt(t0);
      var reply = agentWrote(ALICE, "gen-1", t0, "once");
      genesys.on("g1", reply, reply).on("g1-again", reply);
      receive(GENESYS, "g1");
      receive(GENESYS, "g1-again");

      processAll();

      assertThat(sends()).hasSize(1);
    }

    @Test
    void a_repeated_genesys_id_outside_the_window_is_refused_once() {
      var reply = agentWrote(ALICE, "gen-1", t0, "no window");
      genesys.on("g1", reply).on("g1-again", reply);
      receive(GENESYS, "g1");
      receive(GENESYS, "g1-again");

      processAll();

      assertThat(receipts()).hasSize(1);
    }

    @Test
    void a_wamid_and_a_genesys_id_with_the_same_text_do_not_collide() {
      whatsapp.on("w1", customerWrote(ALICE, "same-id", t0, "hi"));
      genesys.on("g1", agentWrote(ALICE, "same-id", t0.plusSeconds(1), "hello"));
      receive(WHATSAPP, "w1");
      receive(GENESYS, "g1");

      processAll();

      assertThat(forwarded()).hasSize(1);
      assertThat(sends()).hasSize(1);
    }

    @Test
    void the_message_goes_by_the_route_the_customer_last_wrote_with() {
      whatsapp.on(
          "w1",
          new ChannelEvent.CustomerMessage(
              DEFAULT,
              new InboundMessage(
                  "wamid.1",
                  new Customer(ALICE, "Alice"),
                  new ReplyRoute("OTHER_NUMBER"),
                  t0,
                  new InboundContent.Text("hi"))));
      genesys.on("g1", agentWrote(ALICE, "gen-1", t0.plusSeconds(1), "hello"));
      receive(WHATSAPP, "w1");
      receive(GENESYS, "g1");

      processAll();

      assertThat(sends())
          .singleElement()
          .extracting(OutboxItem.SendToCustomer::route)
          .isEqualTo(new ReplyRoute("OTHER_NUMBER"));
    }
  }

  @Nested
  class Statuses {

    private static final String WAMID = "wamid.out.1";

    private void sentEarlier() {
      deliveries.save(DEFAULT, Delivery.accepted("gen-1", WAMID, ALICE));
    }

    private void statuses(DeliveryStatus... reported) {
      ChannelEvent[] events = new ChannelEvent[reported.length];
      for (int i = 0; i < reported.length; i++) {
        events[i] = statusReported(ALICE, WAMID, reported[i], t0.plusSeconds(i));
      }
      whatsapp.on("statuses", events);
      receive(WHATSAPP, "statuses");
      processAll();
    }

    @Test
    void delivered_for_a_known_message_gives_one_delivered_receipt() {
      sentEarlier();

      statuses(DeliveryStatus.SENT, DeliveryStatus.DELIVERED);

      assertThat(outbox.itemsIn(Lanes.toContactCenter(key(ALICE))))
          .containsExactly(
              new OutboxItem.ReportToContactCenter(
                  DEFAULT, DeliveryReceipt.delivered("gen-1", ALICE, t0.plusSeconds(1))));
      assertThat(deliveries.byChannelMessageId(DEFAULT, WAMID).orElseThrow().status())
          .isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void statuses_out_of_order_never_move_backwards_and_give_one_receipt() {
      sentEarlier();
      // read arrives first; delivered and sent are late
      whatsapp
          .on("s1", statusReported(ALICE, WAMID, DeliveryStatus.READ, t0.plusSeconds(3)))
          .on("s2", statusReported(ALICE, WAMID, DeliveryStatus.DELIVERED, t0.plusSeconds(2)))
          .on("s3", statusReported(ALICE, WAMID, DeliveryStatus.SENT, t0.plusSeconds(1)))
          .on("s4", statusReported(ALICE, WAMID, DeliveryStatus.FAILED, t0.plusSeconds(4)));
      for (String body : List.of("s1", "s2", "s3", "s4")) {
        receive(WHATSAPP, body);
      }

      processAll();

      assertThat(receipts())
          .containsExactly(DeliveryReceipt.delivered("gen-1", ALICE, t0.plusSeconds(3)));
      assertThat(deliveries.byChannelMessageId(DEFAULT, WAMID).orElseThrow().status())
          .isEqualTo(DeliveryStatus.READ);
    }

    @Test
    void a_repeated_delivered_gives_one_receipt() {
      sentEarlier();

      statuses(DeliveryStatus.DELIVERED);
      statuses(DeliveryStatus.DELIVERED);

      assertThat(receipts()).hasSize(1);
    }

    @Test
    void failed_gives_a_failed_receipt_with_the_channels_reasons() {
      sentEarlier();
      DeliveryFailure expired = new DeliveryFailure(FailureReason.MESSAGE_EXPIRED, "(#131047)");
      whatsapp.on("s", statusReported(ALICE, WAMID, DeliveryStatus.FAILED, t0, expired));
      receive(WHATSAPP, "s");

      processAll();

      assertThat(receipts())
          .containsExactly(DeliveryReceipt.failed("gen-1", ALICE, List.of(expired), t0));
    }

    @Test
    void a_status_for_an_unknown_message_is_held_without_a_receipt() {
      statuses(DeliveryStatus.DELIVERED);

      assertThat(receipts()).isEmpty();
      assertThat(deliveries.held(DEFAULT, WAMID))
          .extracting(r -> r.status())
          .containsExactly(DeliveryStatus.DELIVERED);
      assertThat(inbox.backlog()).isZero();
      assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void a_status_takes_the_customers_lock() {
      sentEarlier();

      statuses(DeliveryStatus.DELIVERED);

      assertThat(conversations.locks()).containsExactly(key(ALICE));
    }
  }

  @Nested
  class QuickReplyTaps {

    private static final String OFFER = "wamid.offer";
    private final QuickReply yes = new QuickReply("Yes", "YES_PAYLOAD");
    private final QuickReply no = new QuickReply("No thanks", "NO_PAYLOAD");

    private InboundMessage tap(String replyId, String title, String inReplyTo) {
      return new InboundMessage(
          "wamid.tap",
          new Customer(ALICE, "Alice"),
          ROUTE,
          t0.plusSeconds(5),
          new InboundContent.ReplyTap(replyId, title, inReplyTo));
    }

    private void customerTapped(InboundMessage tap) {
      whatsapp.on("tap", new ChannelEvent.CustomerMessage(DEFAULT, tap));
      receive(WHATSAPP, "tap");
      processAll();
    }

    @Test
    void a_tap_on_an_offered_reply_answers_the_offering_message_with_its_payload() {
      deliveries.save(DEFAULT, Delivery.accepted("gen-q", OFFER, ALICE, List.of(yes, no), true));
      InboundMessage tap = tap(QuickReply.idAt(1), "No thanks", OFFER);

      customerTapped(tap);

      assertThat(outbox.itemsIn(Lanes.toContactCenter(key(ALICE))))
          .containsExactly(
              new OutboxItem.AnswerToContactCenter(
                  DEFAULT,
                  new ReplyChoice(
                      "gen-q", new Customer(ALICE, "Alice"), no, "wamid.tap", t0.plusSeconds(5))));
      assertThat(forwarded()).isEmpty();
    }

    @Test
    void a_tap_opens_the_window_like_any_customer_message() {
      deliveries.save(DEFAULT, Delivery.accepted("gen-q", OFFER, ALICE, List.of(yes, no), true));

      customerTapped(tap(QuickReply.idAt(0), "Yes", OFFER));

      var conversation = conversations.find(key(ALICE)).orElseThrow();
      assertThat(conversation.window().lastCustomerMessageAt()).isEqualTo(t0.plusSeconds(5));
      assertThat(conversation.lastCustomerMessageId()).contains("wamid.tap");
    }

    @Test
    void a_repeated_tap_answers_once() {
      deliveries.save(DEFAULT, Delivery.accepted("gen-q", OFFER, ALICE, List.of(yes, no), true));
      InboundMessage tap = tap(QuickReply.idAt(0), "Yes", OFFER);
      whatsapp.on("tap", new ChannelEvent.CustomerMessage(DEFAULT, tap));
      receive(WHATSAPP, "tap");
      receive(WHATSAPP, "tap");

      processAll();

      assertThat(outbox.items(OutboxItem.AnswerToContactCenter.class)).hasSize(1);
    }

    static Stream<Arguments> untraceable() {
      return Stream.of(
          Arguments.of("a reply id the offer does not have", QuickReply.idAt(5), OFFER),
          Arguments.of("a reply id not of this bridge", "btn-yes", OFFER),
          Arguments.of("a message that offered nothing", QuickReply.idAt(0), "wamid.plain"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("untraceable")
    void a_tap_that_cannot_be_traced_back_is_forwarded_as_the_text_the_customer_saw(
        String name, String replyId, String inReplyTo) {
      deliveries.save(DEFAULT, Delivery.accepted("gen-q", OFFER, ALICE, List.of(yes, no), true));
      deliveries.save(DEFAULT, Delivery.accepted("gen-plain", "wamid.plain", ALICE));
      InboundMessage tap = tap(replyId, "Maybe", inReplyTo);

      customerTapped(tap);

      assertThat(forwarded()).containsExactly(tap.with(new InboundContent.Text("Maybe")));
      assertThat(outbox.items(OutboxItem.AnswerToContactCenter.class)).isEmpty();
    }

    @Test
    void a_tap_on_a_send_not_recorded_yet_is_queued_as_the_tap_for_the_dispatcher_to_trace() {
      InboundMessage tap = tap(QuickReply.idAt(0), "Yes", "wamid.not-yet");

      customerTapped(tap);

      assertThat(forwarded()).containsExactly(tap);
      assertThat(outbox.items(OutboxItem.AnswerToContactCenter.class)).isEmpty();
    }
  }

  @Nested
  class RichAgentMessages {

    private void customerWroteAt(Instant at) {
      whatsapp.on("customer", customerWrote(ALICE, "wamid.in", at, "hello"));
      receive(WHATSAPP, "customer");
      processAll();
    }

    private void agentSent(String genesysId, OutboundContent content) {
      genesys.on(
          genesysId,
          new ChannelEvent.AgentMessage(
              DEFAULT, new OutboundMessage(genesysId, ALICE, content), clock.instant()));
      receive(GENESYS, genesysId);
      processAll();
    }

    private List<OutboxItem> customerLane() {
      return outbox.itemsIn(Lanes.toCustomer(key(ALICE)));
    }

    @Test
    void a_text_over_the_limit_goes_as_several_sends_in_order_only_the_last_final() {
      customerWroteAt(t0);
      String text =
          IntStream.range(0, 6)
              .mapToObj(i -> "Paragraph " + i + ". " + "lorem ipsum ".repeat(152).strip())
              .collect(Collectors.joining("\n\n"));
      assertThat(text.length()).isGreaterThan(11_000);

      agentSent("gen-long", new OutboundContent.Text(text));

      List<OutboxItem.SendToCustomer> parts = sends();
      assertThat(customerLane()).hasSameSizeAs(parts);
      assertThat(parts).hasSizeGreaterThan(1);
      assertThat(parts)
          .allSatisfy(
              p -> {
                assertThat(p.message().contactCenterMessageId()).isEqualTo("gen-long");
                assertThat(p.message().recipient()).isEqualTo(ALICE);
                assertThat(p.route()).isEqualTo(ROUTE);
                assertThat(((OutboundContent.Text) p.message().content()).body())
                    .hasSizeLessThanOrEqualTo(4096);
              });
      assertThat(parts)
          .extracting(OutboxItem.SendToCustomer::finalPart)
          .containsOnlyOnce(true)
          .endsWith(true);
      String joined =
          parts.stream()
              .map(p -> ((OutboundContent.Text) p.message().content()).body())
              .collect(Collectors.joining("\n\n"));
      assertThat(joined).isEqualTo(text);
      assertThat(receipts()).isEmpty();
    }

    @Test
    void an_attachment_with_a_long_caption_goes_as_the_attachment_then_the_caption() {
      customerWroteAt(t0);
      OutboundContent.Media image =
          new OutboundContent.Media(
              MediaKind.IMAGE, "https://api.mypurecloud.com/m/1", "image/png", null, null);

      agentSent("gen-img", image.withCaption("c".repeat(1500)));

      assertThat(customerLane())
          .containsExactly(
              new OutboxItem.SendToCustomer(
                  DEFAULT, new OutboundMessage("gen-img", ALICE, image), ROUTE, false),
              new OutboxItem.SendToCustomer(
                  DEFAULT,
                  new OutboundMessage("gen-img", ALICE, new OutboundContent.Text("c".repeat(1500))),
                  ROUTE,
                  true,
                  1));
    }

    @Test
    void a_template_outside_the_window_is_sent() {
      customerWroteAt(t0);
      clock.advance(Duration.ofDays(3));
      OutboundContent.Template template =
          new OutboundContent.Template("ns", "order_update", "en_US", List.of("42"), null);

      agentSent("gen-t", template);

      assertThat(customerLane())
          .containsExactly(
              new OutboxItem.SendToCustomer(
                  DEFAULT, new OutboundMessage("gen-t", ALICE, template), ROUTE, true));
      assertThat(receipts()).isEmpty();
    }

    @Test
    void a_template_to_a_customer_who_never_wrote_is_sent_without_a_route() {
      OutboundContent.Template template =
          new OutboundContent.Template(null, "welcome", "en", List.of(), null);

      agentSent("gen-t", template);

      assertThat(customerLane())
          .containsExactly(
              new OutboxItem.SendToCustomer(
                  DEFAULT, new OutboundMessage("gen-t", ALICE, template), null, true));
    }

    @Test
    void quick_replies_outside_the_window_are_refused_like_text() {
      customerWroteAt(t0);
      clock.advance(Duration.ofDays(2));

      agentSent(
          "gen-q", new OutboundContent.QuickReplies("OK?", List.of(new QuickReply("Yes", "Y"))));

      assertThat(sends()).isEmpty();
      assertThat(receipts())
          .singleElement()
          .satisfies(r -> assertThat(r.reasons()).containsExactly(WINDOW_CLOSED));
    }

    @Test
    void twelve_quick_replies_go_as_one_numbered_text() {
      customerWroteAt(t0);
      List<QuickReply> options =
          IntStream.rangeClosed(1, 12).mapToObj(i -> new QuickReply("Slot " + i, "S" + i)).toList();

      agentSent("gen-q", new OutboundContent.QuickReplies("When?", options));

      assertThat(sends())
          .singleElement()
          .satisfies(
              send -> {
                assertThat(send.finalPart()).isTrue();
                assertThat(send.message().content()).isInstanceOf(OutboundContent.Text.class);
                String body = ((OutboundContent.Text) send.message().content()).body();
                assertThat(body.lines().toList())
                    .startsWith("When?", "1. Slot 1")
                    .endsWith("12. Slot 12");
              });
    }

    @Test
    void ten_quick_replies_go_as_they_are() {
      customerWroteAt(t0);
      OutboundContent.QuickReplies replies =
          new OutboundContent.QuickReplies(
              "When?",
              IntStream.rangeClosed(1, 10)
                  .mapToObj(i -> new QuickReply("Slot " + i, "S" + i))
                  .toList());

      agentSent("gen-q", replies);

      assertThat(sends())
          .containsExactly(
              new OutboxItem.SendToCustomer(
                  DEFAULT, new OutboundMessage("gen-q", ALICE, replies), ROUTE, true));
    }

    @Test
    void a_sequence_of_blank_texts_is_refused_as_empty() {
      customerWroteAt(t0);

      agentSent(
          "gen-blank",
          new OutboundContent.Sequence(
              List.of(new OutboundContent.Text(" "), new OutboundContent.Text(""))));

      assertThat(sends()).isEmpty();
      assertThat(receipts())
          .singleElement()
          .satisfies(
              r ->
                  assertThat(r.reasons())
                      .extracting(DeliveryFailure::reason)
                      .containsExactly(FailureReason.INVALID_MESSAGE_STRUCTURE));
    }
  }

  @Nested
  class AgentTyping {

    private void agentTypes() {
      genesys.on("typing", new ChannelEvent.AgentTyping(DEFAULT, ALICE, clock.instant()));
      receive(GENESYS, "typing");
      processAll();
    }

    @Test
    void inside_the_window_the_customer_sees_typing_on_their_last_message() {
      whatsapp
          .on("w1", customerWrote(ALICE, "wamid.first", t0, "hello"))
          .on("w2", customerWrote(ALICE, "wamid.last", t0.plusSeconds(3), "anyone?"));
      receive(WHATSAPP, "w1");
      receive(WHATSAPP, "w2");
      processAll();
      clock.advance(Duration.ofHours(1));

      agentTypes();

      assertThat(outbox.itemsIn(Lanes.toCustomer(key(ALICE))))
          .containsExactly(new OutboxItem.ShowTyping(DEFAULT, ALICE, ROUTE, "wamid.last"));
    }

    @Test
    void outside_the_window_nothing_is_shown() {
      whatsapp.on("w1", customerWrote(ALICE, "wamid.first", t0, "hello"));
      receive(WHATSAPP, "w1");
      processAll();
      clock.advance(Duration.ofHours(24));

      agentTypes();

      assertThat(outbox.itemsIn(Lanes.toCustomer(key(ALICE)))).isEmpty();
      assertThat(inbox.backlog()).isZero();
    }

    @Test
    void without_a_customer_message_nothing_is_shown() {
      conversations.save(
          Conversation.restore(
              key(ALICE), MessageWindow.neverOpened().reopenedBy(t0), ROUTE, null));

      agentTypes();

      assertThat(outbox.items()).isEmpty();
      assertThat(inbox.backlog()).isZero();
    }

    @Test
    void for_a_customer_never_heard_of_nothing_is_shown() {
      agentTypes();

      assertThat(outbox.items()).isEmpty();
      assertThat(deadLetters.isEmpty()).isTrue();
    }
  }

  @Nested
  class Failures {

    @Test
    void decode_problems_go_to_the_dead_letters_and_the_good_events_are_still_processed() {
      var hello = customerWrote(ALICE, "wamid.1", t0, "hello");
      whatsapp.on(
          "mixed",
          new Decoded(List.of(hello), List.of("messages[1]: no id", "statuses[0]: no recipient")));
      receive(WHATSAPP, "mixed");

      assertThat(processAll()).isEqualTo(1);

      assertThat(forwarded()).containsExactly(hello.message());
      assertThat(deadLetters.webhooks())
          .singleElement()
          .satisfies(
              letter -> {
                assertThat(body(letter.webhook())).isEqualTo("mixed");
                assertThat(letter.reason())
                    .contains("messages[1]: no id")
                    .contains("statuses[0]: no recipient");
              });
      assertThat(inbox.backlog()).isZero();
    }

    @Test
    void an_unusable_webhook_goes_to_the_dead_letters_once_and_the_next_is_processed() {
      whatsapp.on("ok", customerWrote(ALICE, "wamid.1", t0, "hello"));
      receive(WHATSAPP, "not json");
      receive(WHATSAPP, "ok");

      assertThat(processAll()).isEqualTo(2);

      assertThat(deadLetters.webhooks())
          .extracting(l -> body(l.webhook()))
          .containsExactly("not json");
      assertThat(forwarded()).hasSize(1);
      assertThat(inbox.backlog()).isZero();
    }

    @Test
    void a_decoder_that_throws_sends_the_webhook_to_the_dead_letters() {
      whatsapp.failOn("boom", new IllegalStateException("decoder bug"));
      receive(WHATSAPP, "boom");

      processAll();

      assertThat(deadLetters.webhooks())
          .singleElement()
          .satisfies(l -> assertThat(l.reason()).contains("decoder bug"));
      assertThat(inbox.backlog()).isZero();
    }

    @Test
    void a_webhook_without_a_decoder_goes_to_the_dead_letters() {
      ProcessInboxService whatsappOnly =
          new ProcessInboxService(
              List.of(whatsapp), inbox, events, deadLetters, transactions, dispatcher);
      receive(GENESYS, "g1");

      assertThat(whatsappOnly.process(new ProcessInboxCommand(10))).isEqualTo(1);

      assertThat(deadLetters.webhooks())
          .singleElement()
          .satisfies(l -> assertThat(l.reason()).contains("genesys"));
    }

    @Test
    void the_webhooks_taken_together_are_handled_in_one_transaction_in_order() {
      whatsapp
          .on("w1", customerWrote(ALICE, "wamid.1", t0, "first"))
          .on("w2", customerWrote(BOB, "wamid.2", t0, "second"))
          .on("w3", customerWrote(ALICE, "wamid.3", t0.plusSeconds(1), "third"));
      receive(WHATSAPP, "w1");
      receive(WHATSAPP, "w2");
      receive(WHATSAPP, "w3");
      int before = transactions.started();

      assertThat(processAll()).isEqualTo(3);

      assertThat(transactions.started() - before).isEqualTo(1);
      assertThat(forwarded())
          .extracting(InboundMessage::channelMessageId)
          .containsExactly("wamid.1", "wamid.2", "wamid.3");
      assertThat(inbox.backlog()).isZero();
    }

    @Test
    void when_the_batch_fails_the_events_before_the_failing_one_are_still_processed_alone() {
      whatsapp
          .on("w1", customerWrote(ALICE, "wamid.1", t0, "first"))
          .on("w2", customerWrote(BOB, "wamid.2", t0, "second"))
          .on("w3", customerWrote(ALICE, "wamid.3", t0.plusSeconds(1), "third"));
      receive(WHATSAPP, "w1");
      receive(WHATSAPP, "w2");
      receive(WHATSAPP, "w3");
      processed.failFor("wamid.2", 2); // the batch, then w2 alone
      int before = transactions.started();

      assertThat(processAll()).isEqualTo(1);

      assertThat(transactions.started() - before).isEqualTo(3); // batch, w1, w2; not w3
      assertThat(inbox.events())
          .extracting(e -> body(e.webhook()), InboxEvent::failedAttempts)
          .containsExactly(tuple("w2", 1), tuple("w3", 0));
      assertThat(forwarded())
          .extracting(InboundMessage::channelMessageId)
          .containsExactly("wamid.1");

      assertThat(processAll()).isEqualTo(2);
      assertThat(forwarded())
          .extracting(InboundMessage::channelMessageId)
          .containsExactly("wamid.1", "wamid.2", "wamid.3");
    }

    @Test
    void a_failing_event_stays_counts_the_attempt_and_holds_back_the_events_after_it() {
      whatsapp
          .on("w1", customerWrote(ALICE, "wamid.1", t0, "first"))
          .on("w2", customerWrote(BOB, "wamid.2", t0, "second"));
      receive(WHATSAPP, "w1");
      receive(WHATSAPP, "w2");
      processed.failFor("wamid.1", 2); // the batch of both, then w1 alone

      assertThat(processAll()).isZero();

      assertThat(inbox.events()).extracting(e -> e.failedAttempts()).containsExactly(1, 0);
      assertThat(forwarded()).isEmpty();
      assertThat(deadLetters.isEmpty()).isTrue();
      assertThat(WakeupProbe.wasSignalled(dispatcher)).isFalse();

      assertThat(processAll()).isEqualTo(2);

      assertThat(forwarded())
          .extracting(InboundMessage::channelMessageId)
          .containsExactly("wamid.1", "wamid.2");
      assertThat(inbox.backlog()).isZero();
    }

    @Test
    void an_event_of_a_connection_not_configured_is_retried_then_dead_lettered_naming_it() {
      ConnectionId gone = new ConnectionId("gone");
      genesys
          .on("for-gone", TestData.agentWrote(gone, ALICE, "gen-1", t0, "hello"))
          .on("g2", agentWrote(BOB, "gen-2", t0, "next"));
      receive(WebhookSource.of("genesys", gone), "for-gone");
      receive(GENESYS, "g2");

      for (int attempt = 1; attempt < ProcessInboxService.MAX_ATTEMPTS; attempt++) {
        assertThat(processAll()).isZero();
        assertThat(inbox.events().get(0).failedAttempts()).isEqualTo(attempt);
      }
      assertThat(deadLetters.isEmpty()).isTrue();
      assertThat(outbox.items()).isEmpty();

      assertThat(processAll()).isEqualTo(2);

      assertThat(deadLetters.kept())
          .singleElement()
          .satisfies(
              l -> {
                assertThat(body(l.webhook())).isEqualTo("for-gone");
                assertThat(l.connection()).isEqualTo(gone);
                assertThat(l.reason()).contains("no connection named gone");
              });
      assertThat(receipts())
          .singleElement()
          .satisfies(r -> assertThat(r.contactCenterMessageId()).isEqualTo("gen-2"));
      assertThat(inbox.backlog()).isZero();
    }

    @Test
    void an_event_failing_max_attempts_times_goes_to_the_dead_letters_and_the_rest_goes_on() {
      whatsapp
          .on("poison", customerWrote(ALICE, "wamid.1", t0, "first"))
          .on("w2", customerWrote(BOB, "wamid.2", t0, "second"));
      receive(WHATSAPP, "poison");
      receive(WHATSAPP, "w2");
      processed.failFor("wamid.1", Integer.MAX_VALUE);

      for (int attempt = 1; attempt < ProcessInboxService.MAX_ATTEMPTS; attempt++) {
        assertThat(processAll()).isZero();
        assertThat(inbox.events().get(0).failedAttempts()).isEqualTo(attempt);
      }
      assertThat(deadLetters.isEmpty()).isTrue();

      assertThat(processAll()).isEqualTo(2);

      assertThat(deadLetters.webhooks())
          .singleElement()
          .satisfies(
              l -> {
                assertThat(body(l.webhook())).isEqualTo("poison");
                assertThat(l.reason()).contains("store unavailable");
              });
      assertThat(forwarded())
          .extracting(InboundMessage::channelMessageId)
          .containsExactly("wamid.2");
      assertThat(inbox.backlog()).isZero();
    }
  }
}
