package dev.switchboard.adapters.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.channel.ConnectionId;
import java.util.List;
import org.junit.jupiter.api.Test;

class WhatsAppAccountsTest {

  private static final WhatsAppAccounts.Account DEFAULT =
      new WhatsAppAccounts.Account(ConnectionId.DEFAULT, "106540352242922", "token-a");
  private static final WhatsAppAccounts.Account SALES =
      new WhatsAppAccounts.Account(new ConnectionId("sales"), "106540352242923", "token-b");

  @Test
  void a_number_is_found_by_its_connection_and_a_connection_by_its_number() {
    WhatsAppAccounts accounts = WhatsAppAccounts.of(List.of(DEFAULT, SALES));

    assertThat(accounts.ofConnection(new ConnectionId("sales"))).contains(SALES);
    assertThat(accounts.ofNumber(" 106540352242922 ")).contains(DEFAULT);
    assertThat(accounts.ofConnection(new ConnectionId("other"))).isEmpty();
    assertThat(accounts.ofNumber("999")).isEmpty();
    assertThat(accounts.ofNumber(null)).isEmpty();
    assertThat(accounts.all()).containsExactly(DEFAULT, SALES);
  }

  @Test
  void two_connections_cannot_share_a_number_nor_one_connection_have_two() {
    assertThatThrownBy(
            () ->
                WhatsAppAccounts.of(
                    List.of(
                        DEFAULT,
                        new WhatsAppAccounts.Account(
                            new ConnectionId("sales"), "106540352242922", "token-b"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("106540352242922");
    assertThatThrownBy(
            () ->
                WhatsAppAccounts.of(
                    List.of(
                        DEFAULT,
                        new WhatsAppAccounts.Account(ConnectionId.DEFAULT, "1", "token-b"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_number_needs_an_id_and_a_token_and_never_shows_the_token() {
    assertThatThrownBy(() -> new WhatsAppAccounts.Account(ConnectionId.DEFAULT, " ", "token"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WhatsAppAccounts.Account(ConnectionId.DEFAULT, "1", ""))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(WhatsAppAccounts.of(List.of(DEFAULT, SALES)).toString())
        .contains("106540352242922")
        .doesNotContain("token-a")
        .doesNotContain("token-b");
  }
}
