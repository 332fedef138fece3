package dev.switchboard.application.fakes;

import dev.switchboard.application.port.out.MediaStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link MediaStore} in memory; its links are {@code memory://media/<id>?expires=<epoch second>}
 * and are not served by anything.
 */
public final class InMemoryMediaStore implements MediaStore {

  private final Clock clock;
  private final Map<String, Stored> media = new LinkedHashMap<>();
  private long lastId;

  /** A store that stamps what it stores with {@code clock}'s time. */
  public InMemoryMediaStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized String put(byte[] content, String mimeType, String filename) {
    Objects.requireNonNull(content, "content");
    String id = "media-" + ++lastId;
    media.put(
        id, new Stored(new StoredMedia(id, content.clone(), mimeType, filename), clock.instant()));
    return id;
  }

  @Override
  public synchronized Optional<StoredMedia> get(String id) {
    return Optional.ofNullable(media.get(id)).map(Stored::media);
  }

  @Override
  public synchronized String signedUrl(String id, Instant expiresAt) {
    return "memory://media/" + id + "?expires=" + expiresAt.getEpochSecond();
  }

  @Override
  public synchronized int deleteOlderThan(Duration retention, Instant now) {
    Instant cutoff = now.minus(retention);
    int deleted = 0;
    for (Iterator<Stored> it = media.values().iterator(); it.hasNext(); ) {
      if (it.next().storedAt().isBefore(cutoff)) {
        it.remove();
        deleted++;
      }
    }
    return deleted;
  }

  private record Stored(StoredMedia media, Instant storedAt) {}
}
