package dev.switchboard.domain.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AllowedCustomersTest {

  private static final CustomerId ALICE = CustomerId.phone("+16505551234");
  private static final CustomerId BOB = CustomerId.phone("+16505559876");
  private static final CustomerId WHATSAPP_USER = CustomerId.opaque("US.13491208655302741918");
  private static final CustomerId TELEGRAM_USER = CustomerId.opaque("424242001");

  static Stream<Arguments> table() {
    return Stream.of(
        // no list: everyone
        Arguments.of("no entries", List.of(), ALICE, null, true),
        Arguments.of("no entries, an opaque customer", List.of(), TELEGRAM_USER, "ada_l", true),
        Arguments.of("only blank entries", List.of(" ", ""), BOB, null, true),
        // phone numbers, however written
        Arguments.of("E.164", List.of("+16505551234"), ALICE, null, true),
        Arguments.of("without +", List.of("16505551234"), ALICE, null, true),
        Arguments.of("with spaces", List.of("+1 650 555 1234"), ALICE, null, true),
        Arguments.of("with spaces, without +", List.of("1 650 555 1234"), ALICE, null, true),
        Arguments.of("with brackets and dashes", List.of("+1 (650) 555-1234"), ALICE, null, true),
        Arguments.of("padded", List.of("  +16505551234 "), ALICE, null, true),
        Arguments.of("another number", List.of("+16505551234"), BOB, null, false),
        Arguments.of("one of several", List.of("+16505559876", "16505551234"), ALICE, null, true),
        Arguments.of(
            "a number is not an opaque id with the same digits",
            List.of("+16505551234"),
            CustomerId.opaque("16505551234-x"),
            null,
            false),
        // the channel's own user ids, exactly
        Arguments.of("a user id", List.of("US.13491208655302741918"), WHATSAPP_USER, null, true),
        Arguments.of(
            "a user id in another case",
            List.of("us.13491208655302741918"),
            WHATSAPP_USER,
            null,
            false),
        Arguments.of("a numeric Telegram user id", List.of("424242001"), TELEGRAM_USER, null, true),
        Arguments.of("another Telegram user id", List.of("424242002"), TELEGRAM_USER, null, false),
        // handles, whatever their case, with or without @
        Arguments.of("a handle", List.of("@ada_l"), TELEGRAM_USER, "ada_l", true),
        Arguments.of("a handle given with @", List.of("@ada_l"), TELEGRAM_USER, "@ada_l", true),
        Arguments.of("a handle in another case", List.of("@ada_l"), TELEGRAM_USER, "@Ada_L", true),
        Arguments.of("an entry in another case", List.of("@ADA_L"), TELEGRAM_USER, "ada_l", true),
        Arguments.of("another handle", List.of("@ada_l"), TELEGRAM_USER, "ada_lovelace", false),
        Arguments.of("no handle given", List.of("@ada_l"), TELEGRAM_USER, null, false),
        Arguments.of(
            "a handle entry is not a user id", List.of("@424242001"), TELEGRAM_USER, null, false),
        Arguments.of(
            "an entry without @ does not name a handle",
            List.of("ada_l"),
            TELEGRAM_USER,
            "ada_l",
            false),
        // mixed lists
        Arguments.of(
            "a list of a number and a handle, the number",
            List.of("+16505551234", "@ada_l"),
            ALICE,
            null,
            true),
        Arguments.of(
            "a list of a number and a handle, someone else",
            List.of("+16505551234", "@ada_l"),
            BOB,
            "bob",
            false));
  }

  @ParameterizedTest(name = "{0}: {4}")
  @MethodSource("table")
  void admits_only_the_customers_the_entries_name(
      String name, List<String> entries, CustomerId id, String handle, boolean admitted) {
    assertThat(AllowedCustomers.of(entries).admits(id, handle)).isEqualTo(admitted);
  }

  @Test
  void everyone_admits_everyone() {
    AllowedCustomers everyone = AllowedCustomers.everyone();

    assertThat(everyone.admitsEveryone()).isTrue();
    assertThat(everyone.size()).isZero();
    assertThat(everyone.admits(ALICE, null)).isTrue();
    assertThat(everyone.admits(TELEGRAM_USER, "anyone")).isTrue();
    assertThat(AllowedCustomers.of(List.of())).isSameAs(everyone);
  }

  @Test
  void a_list_counts_its_entries_but_not_blank_ones() {
    AllowedCustomers allowed = AllowedCustomers.of(Arrays.asList("+16505551234", " ", null, "@x"));

    assertThat(allowed.admitsEveryone()).isFalse();
    assertThat(allowed.size()).isEqualTo(2);
  }

  @Test
  void an_at_sign_alone_names_no_handle() {
    assertThatThrownBy(() -> AllowedCustomers.of(List.of("@")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AllowedCustomers.of(List.of(" @ ")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_customer_must_be_named() {
    assertThatThrownBy(() -> AllowedCustomers.of(List.of("+16505551234")).admits(null, "x"))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void the_list_does_not_show_its_entries() {
    AllowedCustomers allowed =
        AllowedCustomers.of(List.of("+16505551234", "@ada_l", "US.13491208655302741918"));

    assertThat(allowed.toString())
        .doesNotContain("16505551234")
        .doesNotContain("5551234")
        .doesNotContain("ada_l")
        .doesNotContain("US.1349")
        .contains("3");
    assertThat(AllowedCustomers.everyone().toString()).contains("everyone");
  }
}
