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
  final String reengagePhoneNumberId;
  final String reengageIntegrationId;
  final String reengageWebhookSecret;

  /**
   * What Genesys knows of one connection's Open Messaging integration, and (WhatsApp) the business
   * number Meta knows it by.
   */
  record Integration(
      String connection,
      String id,
      String webhookSecret,
      String webhookPath,
      String phoneNumberId) {}

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
    String reengage = "switchboard.connections." + Sandbox.REENGAGE_CONNECTION + ".";
    this.reengagePhoneNumberId = required(properties, reengage + "whatsapp.phone-number-id");
    this.reengageIntegrationId = required(properties, reengage + "genesys.integration-id");
    this.reengageWebhookSecret = required(properties, reengage + "genesys.webhook-secret");
  }

  /** The integration of {@code connection}: default, telegram or reengage. */
  Integration integration(String connection) {
    return switch (connection) {
      case Sandbox.TELEGRAM_CONNECTION ->
          new Integration(
              connection,
              telegramIntegrationId,
              telegramWebhookSecret,
              "/webhooks/genesys/" + connection,
              null);
      case Sandbox.REENGAGE_CONNECTION ->
          new Integration(
              connection,
              reengageIntegrationId,
              reengageWebhookSecret,
              "/webhooks/genesys/" + connection,
              reengagePhoneNumberId);
      default ->
          new Integration(
              "default", integrationId, webhookSecret, "/webhooks/genesys", phoneNumberId);
    };
  }

  /** Whether Meta knows {@code id} as one of the business's numbers. */
  boolean isBusinessNumber(String id) {
    return phoneNumberId.equals(id) || reengagePhoneNumberId.equals(id);
  }

  /** Whether Genesys knows {@code id} as one of the org's integrations. */
  boolean isIntegration(String id) {
    return integrationId.equals(id)
        || telegramIntegrationId.equals(id)
        || reengageIntegrationId.equals(id);
  }

  private static String required(PropertyResolver properties, String name) {
    return properties.getRequiredProperty(name, String.class);
  }
}
