package dev.switchboard.adapters.telegram;

import dev.switchboard.adapters.support.ConnectionSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Singleton;

/** The Telegram adapter's beans that are built from its settings. */
@Factory
class TelegramBeans {

  /**
   * The bots the bridge serves: one per {@code telegram} connection (start-up has stopped before
   * this when one is incomplete; until then the usable ones are served).
   */
  @Singleton
  TelegramBots bots(PropertyResolver properties) {
    return TelegramBots.read(ConnectionSettings.read(properties)).value();
  }
}
