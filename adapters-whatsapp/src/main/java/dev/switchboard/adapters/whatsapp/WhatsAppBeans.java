package dev.switchboard.adapters.whatsapp;

import dev.switchboard.adapters.support.ConnectionSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Singleton;

/** The WhatsApp adapter's beans that are built from its settings. */
@Factory
class WhatsAppBeans {

  /**
   * The business numbers the bridge serves: one per {@code whatsapp} connection (start-up has
   * stopped before this when one is incomplete).
   */
  @Singleton
  WhatsAppAccounts accounts(PropertyResolver properties) {
    return WhatsAppAccounts.read(ConnectionSettings.read(properties)).value();
  }
}
