package dev.switchboard.domain.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerIdTest {

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource({"16505551234, +16505551234", "+1 650 555 1234, +16505551234"})
  void a_phone_customer_is_written_in_e164(String raw, String value) {
    CustomerId id = CustomerId.phone(raw);

    assertThat(id).isInstanceOf(CustomerId.Phone.class);
    assertThat(id.value()).isEqualTo(value);
  }

  @Test
  void an_opaque_customer_is_written_as_given() {
    CustomerId id = CustomerId.opaque("US.13491208655302741918");

    assertThat(id).isInstanceOf(CustomerId.Opaque.class);
    assertThat(id.value()).isEqualTo("US.13491208655302741918");
  }

  @Test
  void spellings_of_one_phone_are_the_same_customer() {
    assertThat(CustomerId.phone("16505551234")).isEqualTo(CustomerId.phone("+1 (650) 555-1234"));
  }

  @Test
  void a_phone_and_an_opaque_id_with_the_same_text_are_different_customers() {
    assertThat(CustomerId.phone("+16505551234")).isNotEqualTo(CustomerId.opaque("+16505551234"));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "  "})
  void an_opaque_id_must_not_be_blank(String blank) {
    assertThatThrownBy(() -> CustomerId.opaque(blank)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void an_invalid_phone_is_rejected() {
    assertThatThrownBy(() -> CustomerId.phone("123")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_phone_customer_does_not_show_the_number() {
    CustomerId id = CustomerId.phone("16505551234");

    assertThat(id.toString()).doesNotContain("16505551234").contains("1234");
  }
}
