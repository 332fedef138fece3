package dev.switchboard.application.usecase;

import static dev.switchboard.application.usecase.Core.ALICE;
import static dev.switchboard.application.usecase.Core.DEFAULT;
import static dev.switchboard.application.usecase.Core.ROUTE;
import static dev.switchboard.application.usecase.Core.SALES;
import static dev.switchboard.application.usecase.Core.agentWrote;
import static dev.switchboard.application.usecase.Core.customerWrote;
import static dev.switchboard.application.usecase.Core.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.connection.Connection;
import dev.switchboard.application.fakes.RecordingMessagingChannel;
import dev.switchboard.application.fakes.TestConnections;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.delivery.Delivery;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.delivery.StatusReport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two connections on one WhatsApp-like channel ({@code default} and {@code sales}, two business
 * numbers): a customer who writes to both has two conversations, each with its own window, lanes
 * and dedupe ids.
 */
class SeveralConnectionsTest {

  private final RecordingMessagingChannel channel = new RecordingMessagingChannel();
  private final Core core =
      new Core(
          channel,
          new Connection(DEFAULT, channel.channel()),
          new Connection(SALES, channel.channel()));

  @Test
  void a_window_opened_on_one_connection_does_not_allow_free_text_on_the_other() {
    core.apply(customerWrote(DEFAULT, ALICE, "wamid.1", core.t0, "hi"));
    core.clock.advance(Duration.ofHours(1));

    core.apply(agentWrote(SALES, ALICE, "gen-s", core.clock.instant(), "from sales"));
    core.apply(agentWrote(DEFAULT, ALICE, "gen-d", core.clock.instant(), "from support"));

    assertThat(core.outbox.itemsIn(Lanes.toContactCenter(key(SALES, ALICE))))
        .containsExactly(
            new OutboxItem.ReportToContactCenter(
                SALES,
                DeliveryReceipt.failed(
                    "gen-s",
                    ALICE,
                    List.of(SendAgentMessage.windowClosed(Duration.ofHours(24))),
                    core.clock.instant())));
    assertThat(core.receipts())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.contactCenterMessageId()).isEqualTo("gen-s");
              assertThat(r.reasons().get(0).reason()).isEqualTo(FailureReason.MESSAGE_EXPIRED);
            });
    assertThat(core.outbox.itemsIn(Lanes.toCustomer(key(SALES, ALICE)))).isEmpty();
    assertThat(core.outbox.itemsIn(Lanes.toCustomer(key(DEFAULT, ALICE))))
        .singleElement()
        .isInstanceOfSatisfying(
            OutboxItem.SendToCustomer.class,
            send -> {
              assertThat(send.connection()).isEqualTo(DEFAULT);
              assertThat(send.message().contactCenterMessageId()).isEqualTo("gen-d");
              assertThat(send.route()).isEqualTo(ROUTE);
            });
  }

  @Test
  void each_connection_keeps_its_own_conversation_with_the_customer() {
    core.apply(customerWrote(DEFAULT, ALICE, "wamid.1", core.t0, "hi"));
    core.apply(customerWrote(SALES, ALICE, "wamid.2", core.t0.plusSeconds(30), "hi sales"));

    assertThat(core.conversations.find(key(DEFAULT, ALICE)).orElseThrow().lastCustomerMessageId())
        .contains("wamid.1");
    assertThat(core.conversations.find(key(SALES, ALICE)).orElseThrow().lastCustomerMessageId())
        .contains("wamid.2");
    assertThat(core.conversations.size()).isEqualTo(2);
    assertThat(core.contacts.find(SALES, ALICE)).isPresent();
    assertThat(core.contacts.find(new ConnectionId("other"), ALICE)).isEmpty();
  }

  @Test
  void the_same_wamid_on_two_connections_is_forwarded_once_per_connection() {
    ChannelEvent.CustomerMessage onDefault =
        customerWrote(DEFAULT, ALICE, "wamid.same", core.t0, "hi");
    ChannelEvent.CustomerMessage onSales = customerWrote(SALES, ALICE, "wamid.same", core.t0, "hi");

    core.apply(onDefault, onSales, onDefault, onSales);

    assertThat(core.outbox.items())
        .containsExactly(
            new OutboxItem.ForwardToContactCenter(DEFAULT, onDefault.message()),
            new OutboxItem.ForwardToContactCenter(SALES, onSales.message()));
    assertThat(core.processed.keys())
        .containsExactly("whatsapp:default:wamid.same", "whatsapp:sales:wamid.same");
  }

  @Test
  void the_same_contact_center_id_on_two_connections_is_sent_once_per_connection() {
    core.apply(customerWrote(DEFAULT, ALICE, "wamid.1", core.t0, "hi"));
    core.apply(customerWrote(SALES, ALICE, "wamid.2", core.t0, "hi"));
    var onDefault = agentWrote(DEFAULT, ALICE, "gen-1", core.t0, "hello");
    var onSales = agentWrote(SALES, ALICE, "gen-1", core.t0, "hello");

    core.apply(onDefault, onSales, onDefault, onSales);

    assertThat(core.sends())
        .extracting(OutboxItem.SendToCustomer::connection)
        .containsExactly(DEFAULT, SALES);
    assertThat(core.processed.keys())
        .contains("contact-center:default:gen-1", "contact-center:sales:gen-1");
  }

  @Test
  void every_outbox_item_carries_its_events_connection_and_goes_in_its_lanes() {
    core.apply(customerWrote(SALES, ALICE, "wamid.1", core.t0, "hi"));
    core.apply(agentWrote(SALES, ALICE, "gen-1", core.t0.plusSeconds(1), "hello"));
    core.apply(new ChannelEvent.AgentTyping(SALES, ALICE, core.t0.plusSeconds(2)));
    core.deliveries.save(SALES, Delivery.accepted("gen-0", "wamid.out", ALICE));
    core.apply(
        new ChannelEvent.StatusReported(
            SALES,
            new StatusReport(
                "wamid.out", ALICE, DeliveryStatus.DELIVERED, core.t0.plusSeconds(3), List.of())));

    assertThat(core.outbox.items())
        .hasSize(4)
        .extracting(OutboxItem::connection)
        .containsOnly(SALES);
    assertThat(core.outbox.entries())
        .extracting(OutboxEntry::lane)
        .containsOnly("contact-center:sales:+16505551234", "customer:sales:+16505551234");
  }

  @Test
  void a_status_report_on_one_connection_does_not_touch_the_others_delivery() {
    core.deliveries.save(DEFAULT, Delivery.accepted("gen-1", "wamid.out", ALICE));

    core.apply(
        new ChannelEvent.StatusReported(
            SALES,
            new StatusReport("wamid.out", ALICE, DeliveryStatus.DELIVERED, core.t0, List.of())));

    assertThat(core.receipts()).isEmpty();
    assertThat(core.deliveries.byChannelMessageId(DEFAULT, "wamid.out").orElseThrow().status())
        .isEqualTo(DeliveryStatus.ACCEPTED);
    assertThat(core.deliveries.held(SALES, "wamid.out")).hasSize(1);
    assertThat(core.conversations.locks()).containsExactly(key(SALES, ALICE));
  }

  @Test
  void an_agent_typing_on_the_connection_without_an_open_window_shows_nothing() {
    core.apply(customerWrote(DEFAULT, ALICE, "wamid.1", core.t0, "hi"));

    core.apply(new ChannelEvent.AgentTyping(SALES, ALICE, core.t0.plusSeconds(5)));
    core.apply(new ChannelEvent.AgentTyping(DEFAULT, ALICE, core.t0.plusSeconds(5)));

    assertThat(core.outbox.items(OutboxItem.ShowTyping.class))
        .containsExactly(new OutboxItem.ShowTyping(DEFAULT, ALICE, ROUTE, "wamid.1"));
  }

  @Test
  void connections_on_two_channels_each_follow_their_channels_rules() {
    RecordingMessagingChannel whatsApp = new RecordingMessagingChannel();
    RecordingMessagingChannel telegram = RecordingMessagingChannel.telegramLike();
    ConnectionId bot = new ConnectionId("bot");
    Core mixed =
        new Core(
            TestConnections.of(
                List.of(whatsApp, telegram),
                new Connection(DEFAULT, whatsApp.channel()),
                new Connection(bot, telegram.channel())));

    mixed.apply(agentWrote(DEFAULT, ALICE, "gen-w", mixed.t0, "hello"));
    mixed.apply(agentWrote(bot, ALICE, "gen-t", mixed.t0, "hello"));

    assertThat(mixed.receipts())
        .singleElement()
        .satisfies(r -> assertThat(r.contactCenterMessageId()).isEqualTo("gen-w"));
    assertThat(mixed.sends())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.connection()).isEqualTo(bot);
              assertThat(s.message().contactCenterMessageId()).isEqualTo("gen-t");
            });
  }
}
