package dev.switchboard.bootstrap;

import io.micronaut.core.value.PropertyResolver;
import java.util.List;
import java.util.Locale;

/** The settings without which the bridge cannot work; start-up stops when one is missing. */
final class RequiredSettings {

  static final List<String> NAMES =
      List.of(
          "switchboard.whatsapp.app-secret",
          "switchboard.whatsapp.verify-token",
          "switchboard.whatsapp.access-token",
          "switchboard.whatsapp.phone-number-id",
          "switchboard.genesys.client-id",
          "switchboard.genesys.client-secret",
          "switchboard.genesys.integration-id",
          "switchboard.genesys.webhook-secret");

  private RequiredSettings() {}

  /** The required settings that are absent or blank, in declaration order. */
  static List<String> missingIn(PropertyResolver properties) {
    return NAMES.stream()
        .filter(
            name -> properties.getProperty(name, String.class).filter(v -> !v.isBlank()).isEmpty())
        .toList();
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
