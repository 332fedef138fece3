package dev.switchboard.adapters.genesys;

import dev.switchboard.adapters.support.ConnectionSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Singleton;

/** The Genesys adapter's beans that are built from its settings. */
@Factory
class GenesysBeans {

  /**
   * The integrations the bridge serves, one per connection (start-up has stopped before this when
   * one is incomplete).
   */
  @Singleton
  GenesysIntegrations integrations(PropertyResolver properties) {
    return GenesysIntegrations.read(ConnectionSettings.read(properties), properties).value();
  }
}
