package dev.switchboard.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuickReplyTest {

  private static final List<QuickReply> OFFERED =
      List.of(
          new QuickReply("Yes", "YES_PAYLOAD"),
          new QuickReply("No", "NO_PAYLOAD"),
          new QuickReply("Later", "LATER_PAYLOAD"));

  @Test
  void the_id_of_each_option_leads_back_to_it() {
    IntStream.range(0, OFFERED.size())
        .forEach(
            i ->
                assertThat(QuickReply.chosen(OFFERED, QuickReply.idAt(i)))
                    .as("option %d", i)
                    .contains(OFFERED.get(i)));
  }

  @Test
  void ids_are_distinct_and_say_their_index() {
    assertThat(QuickReply.idAt(0)).isEqualTo("qr-0");
    assertThat(QuickReply.idAt(9)).isEqualTo("qr-9");
    assertThat(IntStream.range(0, 10).mapToObj(QuickReply::idAt).distinct()).hasSize(10);
  }

  @ParameterizedTest(name = "[{0}]")
  @NullSource
  @ValueSource(
      strings = {
        "",
        "qr-",
        "qr-3",
        "qr--1",
        "qr-x",
        "qr-1x",
        "qr-01",
        "qr-+1",
        " qr-1",
        "qr-1 ",
        "QR-1",
        "qr-99999999999",
        "button-1",
        "YES_PAYLOAD",
        "1"
      })
  void an_id_this_bridge_did_not_send_for_the_offer_chooses_nothing(String replyId) {
    assertThat(QuickReply.chosen(OFFERED, replyId)).isEmpty();
  }

  @Test
  void nothing_offered_means_nothing_chosen() {
    assertThat(QuickReply.chosen(List.of(), QuickReply.idAt(0))).isEmpty();
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "  "})
  void an_option_needs_a_title(String title) {
    assertThatThrownBy(() -> new QuickReply(title, "p"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void an_option_may_have_an_empty_payload_but_not_none() {
    assertThat(new QuickReply("Yes", "").payload()).isEmpty();
    assertThatThrownBy(() -> new QuickReply("Yes", null)).isInstanceOf(NullPointerException.class);
  }
}
