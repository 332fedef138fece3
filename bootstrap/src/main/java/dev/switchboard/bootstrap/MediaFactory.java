package dev.switchboard.bootstrap;

import dev.switchboard.adapters.genesys.GenesysIntegrations;
import dev.switchboard.adapters.support.WebhookSignature;
import dev.switchboard.application.port.in.EraseCustomerUseCase;
import dev.switchboard.application.port.in.PurgeExpiredDataUseCase;
import dev.switchboard.application.port.in.ServeMediaUseCase;
import dev.switchboard.application.port.out.CustomerRecords;
import dev.switchboard.application.port.out.DeadLetters;
import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.application.port.out.MediaStore;
import dev.switchboard.application.port.out.ProcessedMessages;
import dev.switchboard.application.security.MediaLinks;
import dev.switchboard.application.service.EraseCustomerService;
import dev.switchboard.application.service.PurgeExpiredDataService;
import dev.switchboard.application.service.ServeMediaService;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/** Wires the media links, serving, and the retention of media and of what dedupe keeps. */
@Factory
class MediaFactory {

  /**
   * The links' key: {@code switchboard.media.signing-key}, else one derived from the Meta app
   * secret, else (a deployment without WhatsApp) from the webhook secret of the first connection's
   * Genesys integration: a stable key without another required setting, so that links survive
   * restarts and work on every instance that shares the settings.
   */
  @Singleton
  MediaLinks mediaLinks(
      MediaSettings settings,
      @Property(name = "switchboard.public-url") String publicUrl,
      @Nullable @Property(name = "switchboard.whatsapp.app-secret") String appSecret,
      GenesysIntegrations integrations) {
    String key = settings.signingKey();
    if (key == null || key.isBlank()) {
      String secret =
          appSecret != null && !appSecret.isBlank()
              ? appSecret
              : integrations.all().stream()
                  .map(integration -> integration.settings().webhookSecret())
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "switchboard.media.signing-key is required: there is no secret to"
                                  + " derive it from"));
      key =
          new WebhookSignature(secret, WebhookSignature.Encoding.HEX)
              .sign("switchboard media links".getBytes(StandardCharsets.UTF_8));
    }
    return new MediaLinks(key, publicUrl);
  }

  @Singleton
  ServeMediaUseCase serveMedia(MediaStore store, MediaLinks links, Clock clock) {
    return new ServeMediaService(store, links, clock);
  }

  @Singleton
  PurgeExpiredDataUseCase purgeExpiredData(
      MediaStore store,
      MediaSettings settings,
      ProcessedMessages processed,
      Deliveries deliveries,
      DeadLetters deadLetters,
      CustomerRecords customers,
      @Value("${switchboard.dedupe.retention:30d}") Duration dedupeRetention,
      Clock clock) {
    return new PurgeExpiredDataService(
        store,
        settings.retention(),
        processed,
        deliveries,
        deadLetters,
        customers,
        dedupeRetention,
        clock);
  }

  @Singleton
  EraseCustomerUseCase eraseCustomer(CustomerRecords customers, MediaStore store) {
    return new EraseCustomerService(customers, store);
  }
}
