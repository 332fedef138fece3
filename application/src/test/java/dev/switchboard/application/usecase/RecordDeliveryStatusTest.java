package dev.switchboard.application.usecase;

import static dev.switchboard.application.usecase.Core.ALICE;
import static dev.switchboard.application.usecase.Core.DEFAULT;
import static dev.switchboard.application.usecase.Core.SALES;
import static dev.switchboard.application.usecase.Core.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.application.connection.Connection;
import dev.switchboard.application.fakes.RecordingMessagingChannel;
import dev.switchboard.application.fakes.TestUseCases;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.delivery.Delivery;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.delivery.StatusReport;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the dispatcher records once a channel accepted a send. */
class RecordDeliveryStatusTest {

  private final Core core = Core.whatsApp();
  private final RecordDeliveryStatus statuses =
      TestUseCases.recordDeliveryStatus(
          core.conversations, core.deliveries, core.outbox, core.clock);

  private static OutboxItem.SendToCustomer send(String text, boolean finalPart) {
    return new OutboxItem.SendToCustomer(
        SALES,
        new OutboundMessage("gen-1", ALICE, new OutboundContent.Text(text)),
        null,
        finalPart);
  }

  @Test
  void on_a_channel_that_reports_an_accepted_send_waits_for_the_report() {
    statuses.sent(send("hi", true), List.of("m.1"), true);

    assertThat(core.deliveries.byChannelMessageId(SALES, "m.1").orElseThrow().status())
        .isEqualTo(DeliveryStatus.ACCEPTED);
    assertThat(core.receipts()).isEmpty();
    assertThat(core.conversations.locks()).containsExactly(key(SALES, ALICE));
  }

  @Test
  void on_a_channel_that_does_not_report_an_accepted_final_send_is_delivered_at_once() {
    core.clock.advance(Duration.ofSeconds(7));

    statuses.sent(send("hi", true), List.of("m.1"), false);

    assertThat(core.deliveries.byChannelMessageId(SALES, "m.1").orElseThrow().status())
        .isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(core.outbox.itemsIn(Lanes.toContactCenter(key(SALES, ALICE))))
        .containsExactly(
            new OutboxItem.ReportToContactCenter(
                SALES, DeliveryReceipt.delivered("gen-1", ALICE, core.clock.instant())));
  }

  @Test
  void on_a_channel_that_does_not_report_an_earlier_part_gives_no_receipt() {
    statuses.sent(send("part one", false), List.of("m.1"), false);

    assertThat(core.deliveries.byChannelMessageId(SALES, "m.1").orElseThrow().status())
        .isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(core.receipts()).isEmpty();
  }

  @Test
  void a_send_answered_with_several_ids_is_delivered_under_each() {
    statuses.sent(send("hi", true), List.of("m.1", "m.2"), false);

    assertThat(core.deliveries.all(SALES))
        .extracting(Delivery::channelMessageId, Delivery::status)
        .containsExactly(
            tuple("m.1", DeliveryStatus.DELIVERED), tuple("m.2", DeliveryStatus.DELIVERED));
    assertThat(core.receipts())
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.outcome()).isEqualTo(DeliveryReceipt.Outcome.DELIVERED));
  }

  @Test
  void a_report_held_before_the_send_is_applied_and_acceptance_adds_no_second_receipt() {
    core.deliveries.hold(
        SALES,
        new StatusReport("m.1", ALICE, DeliveryStatus.READ, core.t0.plusSeconds(1), List.of()));

    statuses.sent(send("hi", true), List.of("m.1"), false);

    assertThat(core.receipts())
        .containsExactly(DeliveryReceipt.delivered("gen-1", ALICE, core.t0.plusSeconds(1)));
    assertThat(core.deliveries.byChannelMessageId(SALES, "m.1").orElseThrow().status())
        .isEqualTo(DeliveryStatus.READ);
  }

  @Test
  void a_report_is_applied_to_the_delivery_of_its_own_connection_only() {
    RecordingMessagingChannel channel = new RecordingMessagingChannel();
    Core core =
        new Core(
            channel,
            new Connection(DEFAULT, channel.channel()),
            new Connection(SALES, channel.channel()));
    core.deliveries.save(DEFAULT, Delivery.accepted("gen-d", "m.1", ALICE));
    core.deliveries.save(SALES, Delivery.accepted("gen-s", "m.1", ALICE));

    core.apply(
        new ChannelEvent.StatusReported(
            SALES, new StatusReport("m.1", ALICE, DeliveryStatus.DELIVERED, core.t0, List.of())));

    assertThat(core.outbox.items())
        .containsExactly(
            new OutboxItem.ReportToContactCenter(
                SALES, DeliveryReceipt.delivered("gen-s", ALICE, core.t0)));
    assertThat(core.deliveries.byChannelMessageId(DEFAULT, "m.1").orElseThrow().status())
        .isEqualTo(DeliveryStatus.ACCEPTED);
  }

  @Test
  void a_status_naming_a_linked_id_takes_the_lock_of_the_participant_the_message_went_to() {
    CustomerId userId = CustomerId.opaque("US.4829103756291038");
    core.links.participant(DEFAULT, ALICE, List.of(userId));

    core.events.apply(
        new ChannelEvent.StatusReported(
            DEFAULT,
            new StatusReport("m.9", userId, DeliveryStatus.DELIVERED, core.t0, List.of())));

    assertThat(core.conversations.locks()).containsExactly(key(DEFAULT, ALICE));
    assertThat(core.deliveries.held(DEFAULT, "m.9")).hasSize(1);
  }

  @Test
  void a_refusal_takes_the_lock_of_the_messages_conversation() {
    statuses.refused(
        send("hi", true), new DeliveryFailure(FailureReason.INVALID_DESTINATION, "undeliverable"));

    assertThat(core.conversations.locks()).containsExactly(key(SALES, ALICE));
    assertThat(core.receipts()).hasSize(1);
  }
}
