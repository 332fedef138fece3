package dev.switchboard.application.service;

import dev.switchboard.application.port.in.PurgeExpiredDataCommand;
import dev.switchboard.application.port.in.PurgeExpiredDataUseCase;
import dev.switchboard.application.port.out.MediaStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** Deletes re-hosted media once its retention has passed. */
public final class PurgeExpiredDataService implements PurgeExpiredDataUseCase {

  private final MediaStore media;
  private final Duration mediaRetention;
  private final Clock clock;

  public PurgeExpiredDataService(MediaStore media, Duration mediaRetention, Clock clock) {
    this.media = Objects.requireNonNull(media, "media");
    this.mediaRetention = Objects.requireNonNull(mediaRetention, "mediaRetention");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public int purge(PurgeExpiredDataCommand command) {
    return media.deleteStoredBefore(clock.instant().minus(mediaRetention));
  }
}
