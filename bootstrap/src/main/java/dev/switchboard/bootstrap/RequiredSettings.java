package dev.switchboard.bootstrap;

import dev.switchboard.adapters.genesys.GenesysIntegrations;
import dev.switchboard.adapters.support.Checked;
import dev.switchboard.adapters.support.ConnectionSettings;
import dev.switchboard.adapters.telegram.TelegramBots;
import dev.switchboard.adapters.whatsapp.WhatsAppAccounts;
import dev.switchboard.domain.customer.AllowedCustomers;
import io.micronaut.core.value.PropertyResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The connections and the settings without which they cannot work: start-up stops when one is
 * missing or unusable. Each channel adapter reads its own part of each connection; what it finds
 * missing is named in one line, and every other problem in a line of its own.
 */
final class RequiredSettings {

  /** The channels that have an adapter, each with how it reads its connections' settings. */
  static final Map<String, Function<ConnectionSettings, Checked<?>>> CHANNELS =
      new TreeMap<>(
          Map.of(
              "whatsapp", WhatsAppAccounts::read,
              "telegram", TelegramBots::read));

  /** What is missing, and what else is wrong, with the connections' settings. */
  record Report(List<String> missing, List<String> problems) {
    boolean isUsable() {
      return missing.isEmpty() && problems.isEmpty();
    }
  }

  private RequiredSettings() {}

  /** The missing and unusable settings of the connections {@code properties} configure. */
  static Report check(PropertyResolver properties) {
    ConnectionSettings connections = ConnectionSettings.read(properties);
    List<String> missing = new ArrayList<>();
    List<String> problems = new ArrayList<>(connections.problems());
    for (ConnectionSettings.Connection connection : connections.all()) {
      if (connection.channel() != null && !CHANNELS.containsKey(connection.channel())) {
        problems.add(
            connections.property(connection, "channel")
                + " must be one of "
                + String.join(", ", CHANNELS.keySet())
                + ", got '"
                + connection.channel()
                + "'");
      }
      try {
        AllowedCustomers.of(connections.list(connection, ConnectionsFactory.ALLOWED_CUSTOMERS));
      } catch (IllegalArgumentException unusable) {
        problems.add(
            connections.property(connection, ConnectionsFactory.ALLOWED_CUSTOMERS)
                + ": "
                + unusable.getMessage());
      }
    }
    List<Checked<?>> parts = new ArrayList<>();
    CHANNELS.values().forEach(channel -> parts.add(channel.apply(connections)));
    parts.add(GenesysIntegrations.read(connections, properties));
    for (Checked<?> part : parts) {
      missing.addAll(part.missing());
      problems.addAll(part.problems());
    }
    return new Report(List.copyOf(missing), List.copyOf(problems));
  }

  /** The environment variable that sets a property, e.g. SWITCHBOARD_WHATSAPP_APP_SECRET. */
  static String environmentVariable(String property) {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** One line naming what is missing and how to set it; never any value. */
  static String describe(List<String> missing) {
    String first = missing.get(0);
    return "switchboard: cannot start: missing required configuration "
        + String.join(", ", missing)
        + " (set the property, or its environment variable such as "
        + environmentVariable(first)
        + ")";
  }
}
