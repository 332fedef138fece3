package dev.switchboard.sandbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Singleton;

/**
 * What the simulated services know, read from the settings the launch generated: Meta knows its app
 * secret, the access token and the business number; Genesys its OAuth client, the integration and
 * its webhook secret. Exactly what the real ones would share with the bridge's operator.
 */
@Singleton
@Requires(property = Sandbox.ENABLED, value = "true")
final class SandboxSettings {

  final int port;
  final String bridgeUrl;
  final String dataDir;
  final String appSecret;
  final String accessToken;
  final String phoneNumberId;
  final String displayPhoneNumber = "15550100000";
  final String apiVersion;
  final String clientId;
  final String clientSecret;
  final String integrationId;
  final String webhookSecret;
  final String adminToken;
  final String botToken;
  final String botSecretToken;
  final String telegramIntegrationId;
  final String telegramWebhookSecret;

  SandboxSettings(PropertyResolver properties) {
    this.port = properties.getRequiredProperty(Sandbox.PORT, Integer.class);
    this.bridgeUrl = "http://localhost:" + port;
    this.dataDir = required(properties, "switchboard.data-dir");
    this.appSecret = required(properties, "switchboard.whatsapp.app-secret");
    this.accessToken = required(properties, "switchboard.whatsapp.access-token");
    this.phoneNumberId = required(properties, "switchboard.whatsapp.phone-number-id");
    this.apiVersion = required(properties, "switchboard.whatsapp.api-version");
    this.clientId = required(properties, "switchboard.genesys.client-id");
    this.clientSecret = required(properties, "switchboard.genesys.client-secret");
    this.integrationId = required(properties, "switchboard.genesys.integration-id");
    this.webhookSecret = required(properties, "switchboard.genesys.webhook-secret");
    this.adminToken = required(properties, "switchboard.admin.token");
    String telegram = "switchboard.connections." + Sandbox.TELEGRAM_CONNECTION + ".";
    this.botToken = required(properties, telegram + "telegram.bot-token");
    this.botSecretToken = required(properties, telegram + "telegram.secret-token");
    this.telegramIntegrationId = required(properties, telegram + "genesys.integration-id");
    this.telegramWebhookSecret = required(properties, telegram + "genesys.webhook-secret");
  }

  private static String required(PropertyResolver properties, String name) {
    return properties.getRequiredProperty(name, String.class);
  }
}
