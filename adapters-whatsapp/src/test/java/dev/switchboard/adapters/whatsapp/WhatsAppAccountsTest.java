package dev.switchboard.adapters.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.adapters.support.Checked;
import dev.switchboard.adapters.support.ConnectionSettings;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.Reengagement;
import dev.switchboard.domain.message.OutboundContent;
import io.micronaut.context.env.MapPropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  // ---------------------------------------------------------------- re-engagement

  private static Checked<WhatsAppAccounts> read(Map<String, Object> values) {
    Map<String, Object> all = new HashMap<>(values);
    all.put("switchboard.whatsapp.app-secret", "app-secret");
    all.put("switchboard.whatsapp.verify-token", "verify-token");
    all.put("switchboard.whatsapp.access-token", "token-a");
    all.put("switchboard.whatsapp.phone-number-id", "106540352242922");
    all.put("switchboard.connections.sales.channel", "whatsapp");
    all.put("switchboard.connections.sales.whatsapp.phone-number-id", "106540352242923");
    return WhatsAppAccounts.read(
        ConnectionSettings.read(
            new PropertySourcePropertyResolver(MapPropertySource.of("test", all))));
  }

  private static Optional<Reengagement> reengagementOf(
      Checked<WhatsAppAccounts> read, String name) {
    return read.value()
        .ofConnection(new ConnectionId(name))
        .map(WhatsAppAccounts.Account::reengagement);
  }

  @Test
  void without_a_template_no_connection_re_engages() {
    Checked<WhatsAppAccounts> read = read(Map.of());

    assertThat(read.problems()).isEmpty();
    assertThat(reengagementOf(read, "default")).isEmpty();
    assertThat(reengagementOf(read, "sales")).isEmpty();
  }

  @Test
  void the_shared_template_serves_every_number_and_a_connections_own_replaces_it() {
    Checked<WhatsAppAccounts> read =
        read(
            Map.of(
                "switchboard.whatsapp.reengagement-template", "acme@we_have_a_reply:en_US",
                "switchboard.connections.sales.whatsapp.reengagement-template", "ventas_reply:es",
                "switchboard.connections.sales.whatsapp.reengagement-hold", "36h"));

    assertThat(read.problems()).isEmpty();
    assertThat(reengagementOf(read, "default"))
        .contains(
            new Reengagement(
                new OutboundContent.Template("acme", "we_have_a_reply", "en_US", List.of(), null),
                Duration.ofDays(7)));
    assertThat(reengagementOf(read, "sales"))
        .contains(
            new Reengagement(
                new OutboundContent.Template(null, "ventas_reply", "es", List.of(), null),
                Duration.ofHours(36)));
  }

  @Test
  void a_template_or_hold_that_cannot_be_read_is_a_problem_naming_its_property() {
    Checked<WhatsAppAccounts> read =
        read(
            Map.of(
                "switchboard.whatsapp.reengagement-template", "we have a reply",
                "switchboard.connections.sales.whatsapp.reengagement-template", "x@y:en",
                "switchboard.connections.sales.whatsapp.reengagement-hold", "a week"));

    assertThat(read.problems())
        .containsExactlyInAnyOrder(
            "switchboard.whatsapp.reengagement-template is not a template as"
                + " namespace@name:language (such as acme@we_have_a_reply:en_US)",
            "switchboard.connections.sales.whatsapp.reengagement-hold is not a duration (such as"
                + " 7d, 36h or 90m): a week");
  }
}
