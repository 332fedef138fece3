package dev.switchboard.bootstrap;

import dev.switchboard.adapters.genesys.GenesysMediaController;
import dev.switchboard.adapters.genesys.GenesysWebhookController;
import dev.switchboard.adapters.telegram.TelegramWebhookController;
import dev.switchboard.adapters.whatsapp.WhatsAppWebhookController;
import io.micronaut.openapi.annotation.OpenAPIInclude;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/**
 * The OpenAPI document of the bridge's HTTP endpoints, written at build time by micronaut-openapi
 * to {@code META-INF/swagger/switchboard.yml} and served at {@code /swagger/switchboard.yml}.
 *
 * <p>The processor runs in this module only: the adapters' controllers, compiled in their own
 * modules, are taken in from the classpath by {@link OpenAPIInclude}; the admin controller lives
 * here. Health and Prometheus are Micronaut's endpoints and are described in the README.
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Switchboard",
            version = "${switchboard.version}",
            description =
                "Webhooks the bridge receives from Meta (WhatsApp), Genesys and Telegram, the"
                    + " re-hosted media Genesys fetches, and the operators' admin API."))
@OpenAPIInclude(
    classes = {
      WhatsAppWebhookController.class,
      GenesysWebhookController.class,
      GenesysMediaController.class,
      TelegramWebhookController.class
    })
final class ApiDocument {

  private ApiDocument() {}
}
