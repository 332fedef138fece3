package dev.switchboard.bootstrap;

import dev.switchboard.application.port.in.PurgeExpiredDataUseCase;
import dev.switchboard.application.port.in.ServeMediaUseCase;
import dev.switchboard.application.port.out.MediaStore;
import dev.switchboard.application.security.MediaLinks;
import dev.switchboard.application.security.WebhookSignature;
import dev.switchboard.application.service.PurgeExpiredDataService;
import dev.switchboard.application.service.ServeMediaService;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Wires the media links, serving and retention. */
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
  PurgeExpiredDataUseCase purgeExpiredData(MediaStore store, MediaSettings settings, Clock clock) {
    return new PurgeExpiredDataService(store, settings.retention(), clock);
  }
}
