package dev.switchboard.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.env.MapPropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Start-up stops on a connection that is missing a value or cannot be one, naming the property. */
class RequiredSettingsTest {

  /** The top-level settings of a complete {@code default} connection. */
  static Map<String, Object> topLevel() {
    Map<String, Object> values = new HashMap<>();
    values.put("switchboard.whatsapp.app-secret", "app-secret");
    values.put("switchboard.whatsapp.verify-token", "verify");
    values.put("switchboard.whatsapp.access-token", "token");
    values.put("switchboard.whatsapp.phone-number-id", "111");
    values.put("switchboard.genesys.client-id", "client");
    values.put("switchboard.genesys.client-secret", "client-secret");
    values.put("switchboard.genesys.integration-id", "integration-1");
    values.put("switchboard.genesys.webhook-secret", "webhook-1");
    return values;
  }

  /** A complete WhatsApp connection named {@code name} with its own number and integration. */
  static Map<String, Object> whatsapp(String name, String number, String integration) {
    String prefix = "switchboard.connections." + name + ".";
    return Map.of(
        prefix + "channel",
        "whatsapp",
        prefix + "whatsapp.phone-number-id",
        number,
        prefix + "genesys.integration-id",
        integration,
        prefix + "genesys.webhook-secret",
        "secret-of-" + name);
  }

  private static RequiredSettings.Report check(Map<String, Object> values) {
    return RequiredSettings.check(
        new PropertySourcePropertyResolver(MapPropertySource.of("test", values)));
  }

  private static Map<String, Object> with(Map<String, Object> base, Map<String, Object> more) {
    Map<String, Object> all = new HashMap<>(base);
    all.putAll(more);
    return all;
  }

  @Test
  void the_top_level_settings_alone_are_a_complete_default_connection() {
    assertThat(check(topLevel()).isUsable()).isTrue();
  }

  @Test
  void a_missing_top_level_value_is_named_as_before() {
    Map<String, Object> values = topLevel();
    values.remove("switchboard.whatsapp.app-secret");
    values.remove("switchboard.genesys.client-secret");

    RequiredSettings.Report report = check(values);

    assertThat(report.missing())
        .containsExactly("switchboard.whatsapp.app-secret", "switchboard.genesys.client-secret");
    assertThat(RequiredSettings.describe(report.missing()))
        .startsWith("switchboard: cannot start: missing required configuration")
        .contains("SWITCHBOARD_WHATSAPP_APP_SECRET");
  }

  @Test
  void with_no_connection_at_all_start_up_names_switchboard_connections() {
    RequiredSettings.Report report = check(Map.of("switchboard.genesys.client-id", "client"));

    assertThat(report.missing()).isEmpty();
    assertThat(report.problems()).singleElement().asString().contains("switchboard.connections");
  }

  @Test
  void connections_make_the_top_level_number_and_integration_optional_and_inherit_the_rest() {
    Map<String, Object> values = new HashMap<>(topLevel());
    values.remove("switchboard.whatsapp.phone-number-id");
    values.remove("switchboard.genesys.integration-id");
    values.remove("switchboard.genesys.webhook-secret");
    values.putAll(whatsapp("sales", "222", "integration-2"));

    assertThat(check(values).isUsable()).isTrue();
  }

  @Test
  void a_connection_missing_its_own_values_is_named_by_its_own_properties() {
    RequiredSettings.Report report =
        check(
            with(
                topLevel(),
                Map.of(
                    "switchboard.connections.sales.channel", "whatsapp",
                    "switchboard.connections.sales.genesys.webhook-secret", "s")));

    assertThat(report.missing())
        .containsExactly(
            "switchboard.connections.sales.whatsapp.phone-number-id",
            "switchboard.connections.sales.genesys.integration-id");
  }

  @Test
  void a_connection_without_the_shared_values_needs_its_own() {
    RequiredSettings.Report report = check(whatsapp("sales", "222", "integration-2"));

    assertThat(report.missing())
        .containsExactly(
            "switchboard.whatsapp.app-secret",
            "switchboard.whatsapp.verify-token",
            "switchboard.connections.sales.whatsapp.access-token",
            "switchboard.connections.sales.genesys.client-id",
            "switchboard.connections.sales.genesys.client-secret");
  }

  @Test
  void two_connections_sharing_a_number_stop_start_up_naming_both() {
    RequiredSettings.Report report = check(with(topLevel(), whatsapp("sales", "111", "other")));

    assertThat(report.problems())
        .singleElement()
        .asString()
        .contains("switchboard.whatsapp.phone-number-id")
        .contains("switchboard.connections.sales.whatsapp.phone-number-id");
  }

  @Test
  void two_connections_sharing_an_integration_stop_start_up_naming_both() {
    RequiredSettings.Report report =
        check(with(topLevel(), whatsapp("sales", "222", "integration-1")));

    assertThat(report.problems())
        .singleElement()
        .asString()
        .contains("switchboard.genesys.integration-id")
        .contains("switchboard.connections.sales.genesys.integration-id");
  }

  @Test
  void a_bad_name_a_missing_channel_and_an_unknown_channel_are_named() {
    Map<String, Object> values = new HashMap<>(topLevel());
    values.putAll(whatsapp("bad-name", "333", "integration-3"));
    values.put("switchboard.connections.nochannel.genesys.integration-id", "integration-4");
    values.put("switchboard.connections.sms.channel", "sms");

    List<String> problems = check(values).problems();

    assertThat(problems)
        .anySatisfy(p -> assertThat(p).startsWith("switchboard.connections.bad-name"))
        .anySatisfy(p -> assertThat(p).startsWith("switchboard.connections.nochannel.channel"))
        .anySatisfy(
            p -> assertThat(p).startsWith("switchboard.connections.sms.channel must be one of"));
  }

  @Test
  void a_default_connection_described_twice_is_named() {
    RequiredSettings.Report report =
        check(with(topLevel(), whatsapp("default", "444", "integration-5")));

    assertThat(report.problems())
        .anySatisfy(p -> assertThat(p).contains("switchboard.connections.default"));
  }

  @Test
  void an_allowed_customers_entry_that_names_nobody_is_named() {
    Map<String, Object> values = with(topLevel(), whatsapp("sales", "222", "integration-2"));
    values.put("switchboard.connections.sales.allowed-customers", "+16505551234, @");

    assertThat(check(values).problems())
        .singleElement()
        .asString()
        .startsWith("switchboard.connections.sales.allowed-customers");
  }

  @Test
  void no_problem_line_shows_a_secret() {
    Map<String, Object> values = with(topLevel(), whatsapp("sales", "111", "integration-1"));

    RequiredSettings.Report report = check(values);

    assertThat(report.problems()).hasSize(2);
    assertThat(String.join("\n", report.problems()))
        .doesNotContain("secret-of-sales")
        .doesNotContain("webhook-1");
  }
}
