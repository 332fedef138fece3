package dev.switchboard.application.service;

import static dev.switchboard.application.service.TestData.ALICE;
import static dev.switchboard.application.service.TestData.DEFAULT;
import static dev.switchboard.application.service.TestData.GENESYS;
import static dev.switchboard.application.service.TestData.ROUTE;
import static dev.switchboard.application.service.TestData.WHATSAPP;
import static dev.switchboard.application.service.TestData.customerWrote;
import static org.assertj.core.api.Assertions.assertThat;

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
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.in.DispatchOutboxCommand;
import dev.switchboard.application.port.in.ProcessInboxCommand;
import dev.switchboard.application.port.out.PipelineObserver;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import dev.switchboard.domain.message.QuickReply;
import dev.switchboard.domain.message.ReplyChoice;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An agent's quick replies go out through both services, and the customer's tap comes back to the
 * contact center as the chosen payload.
 */
class QuickRepliesRoundTripTest {

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final Instant t0 = clock.instant();
  private final InMemoryInbox inbox = new InMemoryInbox();
  private final InMemoryOutbox outbox = new InMemoryOutbox(clock);
  private final InMemoryConversations conversations = new InMemoryConversations();
  private final InMemoryDeliveries deliveries = new InMemoryDeliveries();
  private final InMemoryTransactions transactions = new InMemoryTransactions();
  private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();
  private final RecordingContactCenter contactCenter = new RecordingContactCenter();
  private final RecordingMessagingChannel channel = new RecordingMessagingChannel();
  private final ScriptedWebhookDecoder whatsapp = new ScriptedWebhookDecoder("whatsapp");
  private final ScriptedWebhookDecoder genesys = new ScriptedWebhookDecoder("genesys");
  private final Wakeup wakeup = new Wakeup();

  private final Connections connections = TestConnections.whatsApp(channel);

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
          TestUseCases.reengageCustomer(outbox, conversations, deliveries, clock),
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

  private final QuickReply small = new QuickReply("Small", "SIZE_S");
  private final QuickReply large = new QuickReply("Large", "SIZE_L");

  private void arrives(WebhookSource source, String body, ChannelEvent event) {
    (source.equals(WHATSAPP) ? whatsapp : genesys).on(body, event);
    inbox.append(new RawWebhook(source, body.getBytes(StandardCharsets.UTF_8), clock.instant()));
    processing.process(new ProcessInboxCommand(10));
    dispatching.dispatch(new DispatchOutboxCommand(10));
  }

  @Test
  void a_tap_on_an_agents_quick_reply_reaches_the_contact_center_as_its_payload() {
    arrives(WHATSAPP, "hello", customerWrote(ALICE, "wamid.in", t0, "hi"));
    OutboundContent.QuickReplies offer =
        new OutboundContent.QuickReplies("Which size?", List.of(small, large));
    arrives(
        GENESYS,
        "offer",
        new ChannelEvent.AgentMessage(DEFAULT, new OutboundMessage("gen-q", ALICE, offer), t0));
    String offerWamid = "wamid.fake.1";
    assertThat(channel.sent())
        .containsExactly(
            new ChannelSend(DEFAULT, new OutboundMessage("gen-q", ALICE, offer), ROUTE, null));

    clock.advance(Duration.ofMinutes(1));
    InboundMessage tap =
        new InboundMessage(
            "wamid.tap",
            new Customer(ALICE, "Alice"),
            ROUTE,
            clock.instant(),
            new InboundContent.ReplyTap(QuickReply.idAt(1), "Large", offerWamid));
    arrives(WHATSAPP, "tap", new ChannelEvent.CustomerMessage(DEFAULT, tap));

    assertThat(contactCenter.answered())
        .containsExactly(
            new ReplyChoice("gen-q", tap.sender(), large, "wamid.tap", clock.instant()));
    assertThat(contactCenter.forwarded())
        .extracting(InboundMessage::channelMessageId)
        .containsExactly("wamid.in");
    assertThat(outbox.pending()).isZero();
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void a_tap_on_a_cards_button_reaches_the_contact_center_as_a_button_with_its_payload() {
    arrives(WHATSAPP, "hello", customerWrote(ALICE, "wamid.in", t0, "hi"));
    QuickReply choose = QuickReply.postback("Choose it", "plan-premium");
    QuickReply later = QuickReply.postback("Not now", "plan-later");
    OutboundContent.Card card =
        new OutboundContent.Card("Premium plan", null, null, List.of(choose, later), List.of());
    arrives(
        GENESYS,
        "card",
        new ChannelEvent.AgentMessage(DEFAULT, new OutboundMessage("gen-c", ALICE, card), t0));

    clock.advance(Duration.ofMinutes(1));
    InboundMessage tap =
        new InboundMessage(
            "wamid.tap",
            new Customer(ALICE, "Alice"),
            ROUTE,
            clock.instant(),
            new InboundContent.ReplyTap(QuickReply.idAt(0), "Choose it", "wamid.fake.1"));
    arrives(WHATSAPP, "tap", new ChannelEvent.CustomerMessage(DEFAULT, tap));

    assertThat(contactCenter.answered())
        .singleElement()
        .satisfies(
            choice -> {
              assertThat(choice.contactCenterMessageId()).isEqualTo("gen-c");
              assertThat(choice.reply()).isEqualTo(choose);
              assertThat(choice.reply().button()).isTrue();
            });
  }
}
