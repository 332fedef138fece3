package dev.switchboard.sandbox;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The files the simulated services hold: what the customer sent (Meta's media), what Meta got
 * uploaded, what the agent attached (Genesys' downloads). In memory, bounded by count and bytes;
 * the oldest go first.
 */
@Singleton
@Requires(property = Sandbox.ENABLED, value = "true")
final class MediaVault {

  static final int MAX_FILES = 300;
  static final long MAX_BYTES = 96L * 1024 * 1024;
  static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

  /** Numeric ids, as Meta's, different from one run to the next. */
  private static final long FIRST_ID =
      1_000_000_000_000_000L + (UUID.randomUUID().getLeastSignificantBits() & 0xFFFFFFFFFFL);

  /** One file. */
  record Media(String id, byte[] bytes, String mime, String filename) {}

  private final Map<String, Media> files = new LinkedHashMap<>();
  private long bytes;
  private long count;

  /** Keeps a file; its id. */
  synchronized String put(byte[] content, String mime, String filename) {
    if (content.length > MAX_FILE_BYTES) {
      throw new IllegalArgumentException("a sandbox file is at most 16 MiB");
    }
    String id = Long.toString(FIRST_ID + ++count);
    files.put(id, new Media(id, content, mime, filename));
    bytes += content.length;
    Iterator<Media> oldest = files.values().iterator();
    while ((files.size() > MAX_FILES || bytes > MAX_BYTES) && oldest.hasNext()) {
      bytes -= oldest.next().bytes().length;
      oldest.remove();
    }
    return id;
  }

  synchronized Optional<Media> get(String id) {
    return Optional.ofNullable(files.get(id));
  }
}
