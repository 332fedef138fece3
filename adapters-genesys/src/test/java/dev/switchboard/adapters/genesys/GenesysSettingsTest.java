package dev.switchboard.adapters.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.port.out.ContactCenter;
import dev.switchboard.application.port.out.WebhookDecoder;
import io.micronaut.context.ApplicationContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GenesysSettingsTest {

  @Test
  void without_urls_genesys_us_east_is_used() {
    GenesysSettings settings =
        new GenesysSettings(null, null, "id", "secret", "integration", "w", null);

    assertThat(settings.apiUrl()).isEqualTo("https://api.mypurecloud.com");
    assertThat(settings.loginUrl()).isEqualTo("https://login.mypurecloud.com");
    assertThat(settings.mediaHosts()).containsExactly("api-downloads.mypurecloud.com");
  }

  @ParameterizedTest
  @CsvSource({
    "https://api.mypurecloud.com, https://login.mypurecloud.com, api-downloads.mypurecloud.com",
    "https://api.mypurecloud.de/, https://login.mypurecloud.de, api-downloads.mypurecloud.de",
    "https://api.usw2.pure.cloud, https://login.usw2.pure.cloud, api-downloads.usw2.pure.cloud",
    "https://api.euw2.pure.cloud:8443, https://login.euw2.pure.cloud:8443, api-downloads.euw2.pure.cloud",
    "http://127.0.0.1:9999, http://127.0.0.1:9999, 127.0.0.1"
  })
  void login_url_and_media_hosts_follow_the_api_url(
      String apiUrl, String loginUrl, String mediaHost) {
    GenesysSettings settings = new GenesysSettings(apiUrl, null, "id", "secret", "i", "w", null);

    assertThat(settings.loginUrl()).isEqualTo(loginUrl);
    assertThat(settings.mediaHosts()).containsExactly(mediaHost);
  }

  @Test
  void configured_values_win_over_the_derived_ones() {
    GenesysSettings settings =
        new GenesysSettings(
            "https://api.mypurecloud.ie/",
            "https://login.example.test/",
            "id",
            "secret",
            "i",
            "w",
            List.of(" API-Downloads.example.test ", "*.cdn.example.test", " "));

    assertThat(settings.apiUrl()).isEqualTo("https://api.mypurecloud.ie");
    assertThat(settings.loginUrl()).isEqualTo("https://login.example.test");
    assertThat(settings.mediaHosts())
        .containsExactly("api-downloads.example.test", "*.cdn.example.test");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"api.mypurecloud.com", "ftp://api.mypurecloud.com", "https://", "not a url"})
  void an_api_url_that_is_no_absolute_http_url_is_refused_naming_the_property(String apiUrl) {
    assertThatThrownBy(() -> new GenesysSettings(apiUrl, null, "id", "secret", "i", "w", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("switchboard.genesys.");
  }

  @Test
  void to_string_shows_no_secret() {
    GenesysSettings settings =
        new GenesysSettings(
            null,
            null,
            "client-id",
            "client-secret-value",
            "integration",
            "webhook-secret-value",
            null);

    assertThat(settings.toString())
        .contains("client-id")
        .doesNotContain("client-secret-value")
        .doesNotContain("webhook-secret-value");
  }

  @Test
  void binds_switchboard_genesys_properties_with_a_comma_list_of_media_hosts() {
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.of(
                "switchboard.genesys.api-url", "https://api.usw2.pure.cloud",
                "switchboard.genesys.client-id", "the-client",
                "switchboard.genesys.client-secret", "the-secret",
                "switchboard.genesys.integration-id", "the-integration",
                "switchboard.genesys.webhook-secret", "the-webhook-secret",
                "switchboard.genesys.media-hosts",
                    "api-downloads.usw2.pure.cloud,*.example.test"))) {
      GenesysSettings settings = context.getBean(GenesysSettings.class);

      assertThat(settings.apiUrl()).isEqualTo("https://api.usw2.pure.cloud");
      assertThat(settings.loginUrl()).isEqualTo("https://login.usw2.pure.cloud");
      assertThat(settings.clientId()).isEqualTo("the-client");
      assertThat(settings.clientSecret()).isEqualTo("the-secret");
      assertThat(settings.integrationId()).isEqualTo("the-integration");
      assertThat(settings.webhookSecret()).isEqualTo("the-webhook-secret");
      assertThat(settings.mediaHosts())
          .containsExactly("api-downloads.usw2.pure.cloud", "*.example.test");
    }
  }

  @Test
  void binds_defaults_when_only_the_required_properties_are_set() {
    try (ApplicationContext context =
        ApplicationContext.run(Map.of("switchboard.genesys.client-id", "the-client"))) {
      GenesysSettings settings = context.getBean(GenesysSettings.class);

      assertThat(settings.apiUrl()).isEqualTo("https://api.mypurecloud.com");
      assertThat(settings.loginUrl()).isEqualTo("https://login.mypurecloud.com");
      assertThat(settings.mediaHosts()).containsExactly("api-downloads.mypurecloud.com");
    }
  }

  @Test
  void the_adapters_are_beans_of_their_ports() {
    Clock clock = Clock.fixed(Instant.parse("2025-06-10T21:00:00Z"), ZoneOffset.UTC);
    try (ApplicationContext context =
        ApplicationContext.builder()
            .properties(
                Map.of(
                    "switchboard.genesys.client-id", "the-client",
                    "switchboard.genesys.client-secret", "the-secret",
                    "switchboard.genesys.integration-id", "the-integration",
                    "switchboard.genesys.webhook-secret", "the-webhook-secret"))
            .singletons(clock)
            .start()) {
      assertThat(context.getBean(ContactCenter.class))
          .isInstanceOf(GenesysOpenMessagingContactCenter.class);
      assertThat(context.getBeansOfType(WebhookDecoder.class))
          .singleElement()
          .satisfies(decoder -> assertThat(decoder.source()).isEqualTo("genesys"));
    }
  }
}
