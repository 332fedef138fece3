package dev.switchboard.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.customer.CustomerId;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessagesTest {

  private static final CustomerId ALICE = CustomerId.phone("16505551234");

  @ParameterizedTest(name = "[{0}]")
  @NullSource
  @ValueSource(strings = {"", "   "})
  void a_missing_or_blank_display_name_is_no_name(String name) {
    assertThat(new Customer(ALICE, name).displayName()).isNull();
  }

  @ParameterizedTest(name = "[{0}]")
  @NullSource
  @ValueSource(strings = {"", "   "})
  void a_missing_or_blank_handle_is_no_handle(String handle) {
    assertThat(new Customer(ALICE, "Alice", handle).handle()).isNull();
  }

  @Test
  void a_handle_is_kept_stripped() {
    assertThat(new Customer(ALICE, "Alice", " @ada_l \n").handle()).isEqualTo("@ada_l");
  }

  @Test
  void a_customer_made_without_handle_has_none() {
    assertThat(new Customer(ALICE, "Alice")).isEqualTo(new Customer(ALICE, "Alice", null));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", " "})
  void an_inbound_message_needs_its_channel_id(String id) {
    assertThatThrownBy(
            () ->
                new InboundMessage(
                    id,
                    new Customer(ALICE, null),
                    null,
                    Instant.EPOCH,
                    new InboundContent.Text("hi")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", " "})
  void an_outbound_message_needs_its_contact_center_id(String id) {
    assertThatThrownBy(() -> new OutboundMessage(id, ALICE, new OutboundContent.Text("hi")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"hello", ""})
  void text_is_not_a_template(String body) {
    assertThat(new OutboundContent.Text(body).isTemplate()).isFalse();
  }
}
