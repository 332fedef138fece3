package dev.switchboard.bootstrap;

import dev.switchboard.adapters.support.WebhookSignature;
import dev.switchboard.application.port.in.PurgeExpiredDataUseCase;
import dev.switchboard.application.port.in.ServeMediaUseCase;
import dev.switchboard.application.port.out.DeadLetters;
import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.application.port.out.MediaStore;
import dev.switchboard.application.port.out.ProcessedMessages;
import dev.switchboard.application.security.MediaLinks;
import dev.switchboard.application.service.PurgeExpiredDataService;
import dev.switchboard.application.service.ServeMediaService;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/** Wires the media links, serving, and the retention of media and of what dedupe keeps. */
@Factory
class MediaFactory {

  @Singleton
  MediaLinks mediaLinks(
      MediaSettings settings,
      @Property(name = "switchboard.public-url") String publicUrl,
      @Property(name = "switchboard.whatsapp.app-secret") String appSecret) {
    String key = settings.signingKey();
    if (key == null || key.isBlank()) {
      // a stable key without another required setting: links survive restarts and work on every
      // instance that shares the app secret
      key =
          new WebhookSignature(appSecret, WebhookSignature.Encoding.HEX)
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
      @Value("${switchboard.dedupe.retention:30d}") Duration dedupeRetention,
      Clock clock) {
    return new PurgeExpiredDataService(
        store, settings.retention(), processed, deliveries, deadLetters, dedupeRetention, clock);
  }
}
