package dev.switchboard.application.usecase;

import static dev.switchboard.application.usecase.Core.ALICE;
import static dev.switchboard.application.usecase.Core.DEFAULT;
import static dev.switchboard.application.usecase.Core.ROUTE;
import static dev.switchboard.application.usecase.Core.agentSent;
import static dev.switchboard.application.usecase.Core.agentWrote;
import static dev.switchboard.application.usecase.Core.customerWrote;
import static dev.switchboard.application.usecase.Core.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import dev.switchboard.domain.message.QuickReply;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SendAgentMessageTest {

  private static final OutboundContent.Template TEMPLATE =
      new OutboundContent.Template("ns", "order_update", "en_US", List.of("42"), null);

  @Test
  void whatsapps_closed_window_tells_the_agent_what_it_always_did() {
    DeliveryFailure closed = SendAgentMessage.windowClosed(Duration.ofHours(24));

    assertThat(closed.reason()).isEqualTo(FailureReason.MESSAGE_EXPIRED);
    assertThat(closed.message())
        .isEqualTo(
            "The 24-hour customer service window is closed: only a template message can be sent"
                + " until the customer writes again.");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"PT1H, The 1-hour", "PT90M, The 90-minute", "PT72H, The 72-hour"})
  void a_closed_window_is_named_by_its_length(Duration length, String start) {
    assertThat(SendAgentMessage.windowClosed(length).message())
        .startsWith(start + " customer service window is closed");
  }

  @Nested
  class OnAChannelWithoutWindowOrTemplates {

    private final Core core = Core.telegram();

    @Test
    void free_text_to_a_customer_who_never_wrote_is_queued() {
      core.apply(agentWrote(DEFAULT, ALICE, "gen-1", core.t0, "hello"));

      assertThat(core.outbox.itemsIn(Lanes.toCustomer(key(DEFAULT, ALICE))))
          .containsExactly(
              new OutboxItem.SendToCustomer(
                  DEFAULT,
                  new OutboundMessage("gen-1", ALICE, new OutboundContent.Text("hello")),
                  null,
                  true));
      assertThat(core.receipts()).isEmpty();
    }

    @Test
    void free_text_days_after_the_customers_last_message_is_queued_by_their_route() {
      core.apply(customerWrote(DEFAULT, ALICE, "1:1", core.t0, "hi"));
      core.clock.advance(Duration.ofDays(30));

      core.apply(agentWrote(DEFAULT, ALICE, "gen-1", core.clock.instant(), "still here?"));

      assertThat(core.sends())
          .singleElement()
          .satisfies(s -> assertThat(s.route()).isEqualTo(ROUTE));
      assertThat(core.receipts()).isEmpty();
    }

    @Test
    void a_template_is_refused_as_unsupported_and_nothing_is_sent() {
      core.apply(customerWrote(DEFAULT, ALICE, "1:1", core.t0, "hi"));

      core.apply(agentSent(DEFAULT, ALICE, "gen-t", core.t0, TEMPLATE));

      assertThat(core.sends()).isEmpty();
      assertThat(core.outbox.itemsIn(Lanes.toContactCenter(key(DEFAULT, ALICE))))
          .endsWith(
              new OutboxItem.ReportToContactCenter(
                  DEFAULT,
                  DeliveryReceipt.failed(
                      "gen-t",
                      ALICE,
                      List.of(
                          new DeliveryFailure(
                              FailureReason.UNSUPPORTED_MESSAGE,
                              "A template (Notification) cannot be sent on telegram: it has no"
                                  + " message templates. Send the text itself instead.")),
                      core.t0)));
    }

    @Test
    void an_empty_message_is_still_refused() {
      core.apply(agentWrote(DEFAULT, ALICE, "gen-1", core.t0, "  "));

      assertThat(core.sends()).isEmpty();
      assertThat(core.receipts())
          .singleElement()
          .satisfies(
              r ->
                  assertThat(r.reasons())
                      .extracting(DeliveryFailure::reason)
                      .containsExactly(FailureReason.INVALID_MESSAGE_STRUCTURE));
    }

    @Test
    void quick_replies_are_kept_tappable_up_to_the_channels_limit() {
      OutboundContent.QuickReplies many =
          new OutboundContent.QuickReplies(
              "When?",
              IntStream.rangeClosed(1, 12)
                  .mapToObj(i -> new QuickReply("Slot " + i, "S" + i))
                  .toList());

      core.apply(agentSent(DEFAULT, ALICE, "gen-q", core.t0, many));

      assertThat(core.sends())
          .singleElement()
          .satisfies(s -> assertThat(s.message().content()).isEqualTo(many));
    }
  }

  @Nested
  class OnAChannelWithAWindow {

    private final Core core = Core.whatsApp();

    @Test
    void the_same_quick_replies_become_a_numbered_text() {
      core.apply(customerWrote(DEFAULT, ALICE, "wamid.1", core.t0, "hi"));
      OutboundContent.QuickReplies many =
          new OutboundContent.QuickReplies(
              "When?",
              IntStream.rangeClosed(1, 12)
                  .mapToObj(i -> new QuickReply("Slot " + i, "S" + i))
                  .toList());

      core.apply(agentSent(DEFAULT, ALICE, "gen-q", core.t0, many));

      assertThat(core.sends())
          .singleElement()
          .satisfies(
              s -> assertThat(s.message().content()).isInstanceOf(OutboundContent.Text.class));
    }

    @Test
    void a_template_is_sent_to_a_customer_who_never_wrote() {
      core.apply(agentSent(DEFAULT, ALICE, "gen-t", core.t0, TEMPLATE));

      assertThat(core.sends()).hasSize(1);
      assertThat(core.receipts()).isEmpty();
    }
  }
}
