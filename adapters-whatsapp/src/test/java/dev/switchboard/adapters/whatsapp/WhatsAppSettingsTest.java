package dev.switchboard.adapters.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.port.out.MessagingChannel;
import dev.switchboard.application.port.out.WebhookDecoder;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhatsAppSettingsTest {

  private static final Map<String, Object> REQUIRED =
      Map.of(
          "switchboard.whatsapp.app-secret", "the-app-secret",
          "switchboard.whatsapp.verify-token", "the-verify-token",
          "switchboard.whatsapp.access-token", "the-access-token",
          "switchboard.whatsapp.phone-number-id", "106540352242922");

  @Test
  void binds_the_properties_with_the_documented_defaults() {
    try (ApplicationContext context = ApplicationContext.run(REQUIRED)) {
      WhatsAppSettings settings = context.getBean(WhatsAppSettings.class);

      assertThat(settings.appSecret()).isEqualTo("the-app-secret");
      assertThat(settings.verifyToken()).isEqualTo("the-verify-token");
      assertThat(settings.accessToken()).isEqualTo("the-access-token");
      assertThat(settings.phoneNumberId()).isEqualTo("106540352242922");
      assertThat(settings.graphUrl()).isEqualTo("https://graph.facebook.com");
      assertThat(settings.apiVersion()).isEqualTo("v26.0");
      assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
      assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(15));
    }
  }

  @Test
  void binds_overrides() {
    Map<String, Object> properties = new java.util.HashMap<>(REQUIRED);
    properties.put("switchboard.whatsapp.graph-url", "http://127.0.0.1:9999/");
    properties.put("switchboard.whatsapp.api-version", "v24.0");
    properties.put("switchboard.whatsapp.read-timeout", "3s");
    try (ApplicationContext context = ApplicationContext.run(properties)) {
      WhatsAppSettings settings = context.getBean(WhatsAppSettings.class);

      assertThat(settings.graphUrl()).isEqualTo("http://127.0.0.1:9999");
      assertThat(settings.apiVersion()).isEqualTo("v24.0");
      assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(3));
    }
  }

  @Test
  void to_string_never_shows_a_secret() {
    WhatsAppSettings settings =
        new WhatsAppSettings(
            "the-app-secret",
            "the-verify-token",
            "the-access-token",
            "106540352242922",
            null,
            null,
            null,
            null);

    assertThat(settings.toString())
        .doesNotContain("the-app-secret")
        .doesNotContain("the-verify-token")
        .doesNotContain("the-access-token")
        .contains("106540352242922")
        .contains("https://graph.facebook.com");
  }

  @Test
  void the_adapters_are_beans_of_their_ports() {
    try (ApplicationContext context = ApplicationContext.run(REQUIRED)) {
      assertThat(context.getBeansOfType(WebhookDecoder.class))
          .singleElement()
          .isInstanceOf(WhatsAppWebhookDecoder.class);
      assertThat(context.getBean(MessagingChannel.class))
          .isInstanceOf(WhatsAppCloudMessagingChannel.class);
    }
  }
}
