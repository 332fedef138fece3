package dev.switchboard.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.channel.TestChannels;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.MediaKind;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.QuickReply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What cannot be carried whole is refused before anything is sent, saying what it is. */
class SendPolicyUnsupportedTest {

  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  private static final MessageWindow OPEN =
      MessageWindow.neverOpened().reopenedBy(NOW.minus(Duration.ofHours(1)));

  private final SendPolicy whatsApp =
      SendPolicy.of(TestChannels.WHATSAPP, TestChannels.WHATSAPP_LIKE);
  private final SendPolicy telegram =
      SendPolicy.of(TestChannels.TELEGRAM, TestChannels.TELEGRAM_LIKE);

  private static OutboundContent.Card card(int postbacks, int links) {
    List<QuickReply> buttons =
        java.util.stream.IntStream.range(0, postbacks)
            .mapToObj(i -> QuickReply.postback("Option " + i, "p" + i))
            .toList();
    List<OutboundContent.Link> urls =
        java.util.stream.IntStream.range(0, links)
            .mapToObj(i -> new OutboundContent.Link("Open " + i, "https://example.com/" + i))
            .toList();
    return new OutboundContent.Card("Plan", "Unlimited calls", null, buttons, urls);
  }

  private static String failureOf(SendDecision decision) {
    assertThat(decision).isInstanceOf(SendDecision.Rejected.class);
    SendDecision.Rejected rejected = (SendDecision.Rejected) decision;
    assertThat(rejected.failure().reason()).isEqualTo(FailureReason.UNSUPPORTED_MESSAGE);
    return rejected.failure().message();
  }

  @Test
  void unsupported_content_is_rejected_naming_what_could_not_be_carried() {
    String message =
        failureOf(
            whatsApp.decide(
                OPEN, new OutboundContent.Unsupported("a DatePicker content element"), NOW));

    assertThat(message).contains("a DatePicker content element").contains("whatsapp");
  }

  @Test
  void unsupported_part_of_a_sequence_rejects_the_whole_message_even_on_a_closed_window() {
    OutboundContent message =
        new OutboundContent.Sequence(
            List.of(
                new OutboundContent.Text("Pick a time"),
                new OutboundContent.Unsupported("a DatePicker content element")));

    assertThat(failureOf(telegram.decide(MessageWindow.neverOpened(), message, NOW)))
        .contains("DatePicker");
  }

  @Test
  void a_card_with_up_to_three_postbacks_or_one_link_fits_whatsapp() {
    assertThat(whatsApp.decide(OPEN, card(3, 0), NOW))
        .isInstanceOf(SendDecision.SendFreeForm.class);
    assertThat(whatsApp.decide(OPEN, card(0, 1), NOW))
        .isInstanceOf(SendDecision.SendFreeForm.class);
  }

  @Test
  void a_card_with_four_postbacks_two_links_or_both_kinds_does_not_fit_whatsapp() {
    assertThat(failureOf(whatsApp.decide(OPEN, card(4, 0), NOW))).contains("4 buttons");
    assertThat(failureOf(whatsApp.decide(OPEN, card(0, 2), NOW))).contains("2 Link actions");
    assertThat(failureOf(whatsApp.decide(OPEN, card(1, 1), NOW))).contains("both");
  }

  @Test
  void a_carousel_is_refused_whole_when_one_of_its_cards_does_not_fit() {
    OutboundContent carousel = new OutboundContent.Sequence(List.of(card(1, 0), card(5, 0)));

    assertThat(failureOf(whatsApp.decide(OPEN, carousel, NOW))).contains("5 buttons");
  }

  @Test
  void telegram_carries_many_buttons_and_links_on_one_card() {
    assertThat(telegram.decide(OPEN, card(6, 2), NOW))
        .isInstanceOf(SendDecision.SendFreeForm.class);
  }

  @Test
  void a_card_offers_its_postbacks_and_fetches_its_image() {
    OutboundContent.Media image =
        new OutboundContent.Media(MediaKind.IMAGE, "https://x/1", "image/png", null, null);
    OutboundContent.Card card =
        new OutboundContent.Card(
            "Plan", null, image, List.of(QuickReply.postback("Yes", "y")), List.of());

    assertThat(card.offeredReplies()).containsExactly(QuickReply.postback("Yes", "y"));
    assertThat(card.attachmentToFetch()).contains(image);
    assertThat(card.text()).isEqualTo("Plan");
  }
}
