package dev.switchboard.application.usecase;

import static dev.switchboard.application.usecase.Core.ALICE;
import static dev.switchboard.application.usecase.Core.DEFAULT;
import static dev.switchboard.application.usecase.Core.agentSent;
import static dev.switchboard.application.usecase.Core.customerWrote;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.QuickReply;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A message that cannot be carried whole is not sent at all, and the agent gets one Failed receipt
 * with UnsupportedMessage naming what could not be carried.
 */
class UnsupportedAgentMessageTest {

  private final Core core = Core.whatsApp();

  @Test
  void text_with_an_element_that_cannot_be_carried_sends_nothing_and_fails_once() {
    core.apply(customerWrote(DEFAULT, ALICE, "wamid.1", core.t0, "hi"));
    OutboundContent message =
        new OutboundContent.Sequence(
            List.of(
                new OutboundContent.Text("Pick a time"),
                new OutboundContent.Unsupported("a DatePicker content element")));

    core.apply(agentSent(DEFAULT, ALICE, "gen-dp", core.t0, message));
    core.apply(agentSent(DEFAULT, ALICE, "gen-dp", core.t0, message)); // redelivered

    assertThat(core.sends()).isEmpty();
    assertThat(core.receipts())
        .singleElement()
        .satisfies(
            receipt -> {
              assertThat(receipt.outcome()).isEqualTo(DeliveryReceipt.Outcome.FAILED);
              assertThat(receipt.contactCenterMessageId()).isEqualTo("gen-dp");
              assertThat(receipt.reasons())
                  .singleElement()
                  .satisfies(
                      reason -> {
                        assertThat(reason.reason()).isEqualTo(FailureReason.UNSUPPORTED_MESSAGE);
                        assertThat(reason.message()).contains("a DatePicker content element");
                      });
            });
  }

  @Test
  void a_card_with_four_buttons_is_not_sent_on_whatsapp() {
    core.apply(customerWrote(DEFAULT, ALICE, "wamid.1", core.t0, "hi"));
    List<QuickReply> four =
        List.of(
            QuickReply.postback("A", "a"),
            QuickReply.postback("B", "b"),
            QuickReply.postback("C", "c"),
            QuickReply.postback("D", "d"));

    core.apply(
        agentSent(
            DEFAULT,
            ALICE,
            "gen-4",
            core.t0,
            new OutboundContent.Card("Pick one", null, null, four, List.of())));

    assertThat(core.sends()).isEmpty();
    assertThat(core.receipts())
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.reasons())
                    .extracting(DeliveryFailure::reason)
                    .containsExactly(FailureReason.UNSUPPORTED_MESSAGE));
  }
}
