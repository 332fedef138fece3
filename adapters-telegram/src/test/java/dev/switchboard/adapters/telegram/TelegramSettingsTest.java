package dev.switchboard.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelegramSettingsTest {

  @Test
  void the_defaults_are_telegrams_own_bot_api_and_finite_timeouts() {
    try (ApplicationContext context = ApplicationContext.run(Map.of())) {
      TelegramSettings settings = context.getBean(TelegramSettings.class);

      assertThat(settings.apiUrl()).isEqualTo("https://api.telegram.org");
      assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
      assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    }
  }

  @Test
  void the_api_url_is_read_from_its_property_without_a_trailing_slash() {
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.of(
                "switchboard.telegram.api-url", "http://127.0.0.1:8081/sandbox/telegram/",
                "switchboard.telegram.read-timeout", "5s"))) {
      TelegramSettings settings = context.getBean(TelegramSettings.class);

      assertThat(settings.apiUrl()).isEqualTo("http://127.0.0.1:8081/sandbox/telegram");
      assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(5));
    }
  }

  @Test
  void the_text_of_the_settings_shows_no_credentials_of_the_url() {
    TelegramSettings settings = TelegramSettings.at("https://user:hunter2@proxy.example/tg");

    assertThat(settings.toString())
        .contains("proxy.example/tg")
        .doesNotContain("hunter2")
        .doesNotContain("user:");
  }
}
