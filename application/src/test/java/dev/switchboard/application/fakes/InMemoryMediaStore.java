package dev.switchboard.application.fakes;

import dev.switchboard.application.port.out.MediaStore;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.message.MediaBytes;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link MediaStore} in memory: the id of a key is {@code media-<key>}; its links are {@code
 * memory://media/<id>?expires=<epoch second>} and are not served by anything.
 */
public final class InMemoryMediaStore implements MediaStore {

  private final Clock clock;
  private final Map<String, Stored> media = new LinkedHashMap<>();
  private final Map<String, ConversationKey> owners = new LinkedHashMap<>();

  /** A store that stamps what it stores with {@code clock}'s time. */
  public InMemoryMediaStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized String put(String key, MediaBytes bytes) {
    Objects.requireNonNull(bytes, "bytes");
    String id = "media-" + key;
    media.putIfAbsent(id, new Stored(bytes, clock.instant()));
    return id;
  }

  @Override
  public synchronized String put(String key, MediaBytes bytes, ConversationKey owner) {
    Objects.requireNonNull(owner, "owner");
    String id = put(key, bytes);
    owners.put(id, owner);
    return id;
  }

  @Override
  public synchronized int deleteOwnedBy(ConversationKey owner) {
    int deleted = 0;
    for (Iterator<Map.Entry<String, ConversationKey>> it = owners.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, ConversationKey> entry = it.next();
      if (entry.getValue().equals(owner)) {
        it.remove();
        if (media.remove(entry.getKey()) != null) {
          deleted++;
        }
      }
    }
    return deleted;
  }

  /** The ids of what is stored. */
  public synchronized java.util.Set<String> ids() {
    return java.util.Set.copyOf(media.keySet());
  }

  @Override
  public synchronized Optional<MediaBytes> get(String id) {
    return Optional.ofNullable(media.get(id)).map(Stored::media);
  }

  @Override
  public synchronized String link(String id, Instant expiresAt) {
    return "memory://media/" + id + "?expires=" + expiresAt.getEpochSecond();
  }

  @Override
  public synchronized int deleteStoredBefore(Instant cutoff) {
    int deleted = 0;
    for (Iterator<Stored> it = media.values().iterator(); it.hasNext(); ) {
      if (it.next().storedAt().isBefore(cutoff)) {
        it.remove();
        deleted++;
      }
    }
    return deleted;
  }

  private record Stored(MediaBytes media, Instant storedAt) {}
}
