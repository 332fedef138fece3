package dev.switchboard.domain.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # WhatsApp ids: digits, no plus
          16505551234           | +16505551234
          447700900123          | +447700900123
          4930123456            | +4930123456
          # E.164
          +16505551234          | +16505551234
          +442079460958         | +442079460958
          # human spellings
          +1 (650) 555-1234     | +16505551234
          1 650-555-1234        | +16505551234
          +44 20 7946 0958      | +442079460958
          +49 30 123456         | +4930123456
          '  16505551234  '     | +16505551234
          +1.650.555.1234       | +16505551234
          """)
  void parses_to_e164(String raw, String e164) {
    assertThat(PhoneNumber.parse(raw).e164()).isEqualTo(e164);
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # relayed as given, digits behind a plus
          16505551234           | +16505551234
          +16505551234          | +16505551234
          '  447700900123 '     | +447700900123
          5491123456789         | +5491123456789
          # unusual to libphonenumber, relayed all the same
          1650555123456         | +1650555123456
          9991234567            | +9991234567
          1234567               | +1234567
          # Mexico's legacy mobile form: 521 and ten digits
          5216681855146         | +526681855146
          +5215512345678        | +525512345678
          # Mexico without the legacy 1
          526681855146          | +526681855146
          """)
  void a_channels_number_is_relayed_not_second_guessed(String raw, String e164) {
    assertThat(PhoneNumber.relayed(raw).e164()).isEqualTo(e164);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "+", "123456", "1234567890123456", "0123456789", "1650-555-1234"})
  void a_relayed_number_is_7_to_15_digits_and_a_rejection_does_not_reveal_it(String raw) {
    IllegalArgumentException rejected =
        catchThrowableOfType(IllegalArgumentException.class, () -> PhoneNumber.relayed(raw));

    assertThat(rejected).isNotNull();
    if (raw.length() > 4) {
      assertThat(rejected.getMessage()).doesNotContain(raw.substring(0, raw.length() - 4));
    }
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource({"16505551234, 16505551234", "+44 20 7946 0958, 442079460958"})
  void wa_id_is_the_number_without_the_plus(String raw, String waId) {
    assertThat(PhoneNumber.parse(raw).waId()).isEqualTo(waId);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "",
        "   ",
        "+",
        "abc",
        "whatsapp",
        "123",
        "1650555123", // one digit short for +1
        "1650555123456", // two digits too many for +1
        "16505551234567890",
        "+0123456789", // no country code starts with 0
        "+999 1234567", // no such country code
        "+16505551234abc"
      })
  void rejects_what_is_not_a_possible_number(String raw) {
    assertThatThrownBy(() -> PhoneNumber.parse(raw)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"1650555123", "16505551234567890", "+999 1234567", "+16505551234abc"})
  void a_rejection_does_not_reveal_the_number(String raw) {
    IllegalArgumentException e =
        catchThrowableOfType(IllegalArgumentException.class, () -> PhoneNumber.parse(raw));

    assertThat(e.getMessage()).doesNotContain(raw).doesNotContain(raw.replaceAll("\\D", ""));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"16505551234", "+1650555123a", "+0123456789", "+123456"})
  void the_constructor_accepts_only_e164_and_does_not_reveal_what_it_rejects(String raw) {
    IllegalArgumentException e =
        catchThrowableOfType(IllegalArgumentException.class, () -> new PhoneNumber(raw));

    assertThat(e.getMessage()).doesNotContain(raw);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"+1234567", "+123456789012345"})
  void the_constructor_takes_7_to_15_digits(String e164) {
    assertThat(new PhoneNumber(e164).e164()).isEqualTo(e164);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"16505551234", "+1 (650) 555-1234"})
  void to_string_does_not_reveal_the_number(String raw) {
    PhoneNumber number = PhoneNumber.parse(raw);

    assertThat(number.toString()).doesNotContain(number.e164()).doesNotContain(number.waId());
  }

  @ParameterizedTest(name = "[{0}] and [{1}]")
  @CsvSource({"16505551234, +1 650 555 1234", "+442079460958, 44 20 7946 0958"})
  void spellings_of_one_number_are_equal(String one, String other) {
    assertThat(PhoneNumber.parse(one)).isEqualTo(PhoneNumber.parse(other));
  }
}
