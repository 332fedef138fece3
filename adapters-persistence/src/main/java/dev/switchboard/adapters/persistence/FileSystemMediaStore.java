package dev.switchboard.adapters.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.application.port.out.MediaStore;
import dev.switchboard.application.security.MediaLinks;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.message.MediaBytes;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link MediaStore}: files under {@code ${switchboard.data-dir}/media}, served by the
 * bridge itself through signed, expiring {@link MediaLinks}.
 *
 * <p>An id is the hex SHA-256 of its key ({@link MediaIds}); its bytes are {@code media/<first two
 * hex digits>/<id>} and a sidecar {@code <id>.json} next to them holds the media type, the file
 * name and the time it was stored. Each file is written to a temporary file in the same folder,
 * forced to disk and moved into place atomically, the sidecar last: media with a sidecar is
 * complete, and storing a key whose media is complete changes nothing. Media stored for a
 * conversation carries its owner's tag in the sidecar (the SHA-256 of the conversation key, never
 * the customer's id itself), which erasing a customer looks for; media stored before has none. Only
 * ids of the right form ever reach a path, so a request cannot leave the folder.
 *
 * <p>Selected when {@code switchboard.media.store} is {@code filesystem} or not set.
 */
@Singleton
@Requires(property = "switchboard.media.store", value = "filesystem", defaultValue = "filesystem")
public final class FileSystemMediaStore implements MediaStore {

  private static final Logger LOG = LoggerFactory.getLogger(FileSystemMediaStore.class);
  private static final String SIDECAR_SUFFIX = ".json";
  private static final String TEMP_SUFFIX = ".tmp";
  private static final String OWNER = "owner";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final MediaLinks links;
  private final Clock clock;

  /**
   * @param dataDir the bridge's data folder ({@code switchboard.data-dir}); media goes in its
   *     {@code media} folder, created when missing
   * @param links signs the links handed out
   * @param clock stamps what is stored; the system clock when the application registers none
   */
  public FileSystemMediaStore(
      @Value("${switchboard.data-dir:./data}") String dataDir,
      MediaLinks links,
      @Nullable Clock clock) {
    Objects.requireNonNull(dataDir, "dataDir");
    this.root = Path.of(dataDir).resolve("media").toAbsolutePath().normalize();
    this.links = Objects.requireNonNull(links, "links");
    this.clock = clock == null ? Clock.systemUTC() : clock;
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the media folder " + root, e);
    }
  }

  /** The folder the media is kept in. */
  public Path root() {
    return root;
  }

  @Override
  public String put(String key, MediaBytes media) {
    return store(key, media, null);
  }

  /** Stores it with its owner's tag (a hash of the conversation key) in the sidecar. */
  @Override
  public String put(String key, MediaBytes media, ConversationKey owner) {
    return store(key, media, MediaIds.of(Objects.requireNonNull(owner, "owner").value()));
  }

  /** Deletes the media whose sidecar carries the owner's tag (a walk over every sidecar). */
  @Override
  public int deleteOwnedBy(ConversationKey owner) {
    String tag = MediaIds.of(Objects.requireNonNull(owner, "owner").value());
    int deleted = 0;
    for (Path shard : list(root)) {
      if (!Files.isDirectory(shard)) {
        continue;
      }
      for (Path file : list(shard)) {
        String name = file.getFileName().toString();
        if (!name.endsWith(SIDECAR_SUFFIX)) {
          continue;
        }
        String id = name.substring(0, name.length() - SIDECAR_SUFFIX.length());
        try {
          if (MediaIds.isValid(id)
              && tag.equals(text(JSON.readTree(Files.readAllBytes(file)), OWNER))) {
            Files.deleteIfExists(file);
            Files.deleteIfExists(content(id));
            deleted++;
          }
        } catch (NoSuchFileException alreadyGone) {
          // deleted meanwhile by a purge
        } catch (IOException e) {
          throw new UncheckedIOException("cannot erase media " + id, e);
        }
      }
    }
    return deleted;
  }

  private String store(String key, MediaBytes media, String ownerTag) {
    Objects.requireNonNull(media, "media");
    String id = MediaIds.of(key);
    Path content = content(id);
    Path sidecar = sidecar(id);
    if (Files.exists(sidecar) && Files.exists(content)) {
      return id;
    }
    try {
      Files.createDirectories(content.getParent());
      writeAtomically(content, media.content());
      writeAtomically(sidecar, sidecarJson(media, clock.instant(), ownerTag));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store media " + id, e);
    }
    return id;
  }

  @Override
  public Optional<MediaBytes> get(String id) {
    if (!MediaIds.isValid(id)) {
      return Optional.empty();
    }
    try {
      JsonNode meta = JSON.readTree(Files.readAllBytes(sidecar(id)));
      byte[] bytes = Files.readAllBytes(content(id));
      return Optional.of(new MediaBytes(bytes, text(meta, "mimeType"), text(meta, "filename")));
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read media " + id, e);
    }
  }

  @Override
  public String link(String id, Instant expiresAt) {
    Objects.requireNonNull(expiresAt, "expiresAt");
    return links.link(MediaIds.require(id), expiresAt);
  }

  /**
   * Deletes the media stored before {@code cutoff} (by the time in its sidecar), and leftovers of
   * interrupted writes (bytes without a sidecar, temporary files) last modified before it.
   */
  @Override
  public int deleteStoredBefore(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    int deleted = 0;
    for (Path shard : list(root)) {
      if (!Files.isDirectory(shard)) {
        continue;
      }
      for (Path file : list(shard)) {
        String name = file.getFileName().toString();
        try {
          if (name.endsWith(SIDECAR_SUFFIX)) {
            String id = name.substring(0, name.length() - SIDECAR_SUFFIX.length());
            if (MediaIds.isValid(id) && storedAt(file).isBefore(cutoff)) {
              // the sidecar first: from then on the media is gone for readers
              Files.deleteIfExists(file);
              Files.deleteIfExists(content(id));
              deleted++;
            }
          } else if (isLeftover(name, shard)
              && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
            Files.deleteIfExists(file);
          }
        } catch (NoSuchFileException alreadyGone) {
          // deleted meanwhile by another purge
        } catch (IOException | RuntimeException e) {
          LOG.warn("cannot purge media file {}: {}", file, e.toString());
        }
      }
    }
    return deleted;
  }

  private boolean isLeftover(String name, Path shard) {
    if (name.endsWith(TEMP_SUFFIX)) {
      return true;
    }
    return MediaIds.isValid(name) && !Files.exists(shard.resolve(name + SIDECAR_SUFFIX));
  }

  private static Instant storedAt(Path sidecar) throws IOException {
    String storedAt = text(JSON.readTree(Files.readAllBytes(sidecar)), "storedAt");
    try {
      return Instant.parse(Objects.requireNonNull(storedAt, "storedAt"));
    } catch (DateTimeParseException e) {
      throw new IOException("unreadable storedAt in " + sidecar.getFileName(), e);
    }
  }

  private Path content(String id) {
    return root.resolve(id.substring(0, 2)).resolve(id);
  }

  private Path sidecar(String id) {
    return root.resolve(id.substring(0, 2)).resolve(id + SIDECAR_SUFFIX);
  }

  private static byte[] sidecarJson(MediaBytes media, Instant storedAt, String ownerTag)
      throws IOException {
    ObjectNode meta = JSON.createObjectNode();
    meta.put("mimeType", media.mimeType());
    meta.put("filename", media.filename());
    meta.put("storedAt", storedAt.toString());
    if (ownerTag != null) {
      meta.put(OWNER, ownerTag);
    }
    return JSON.writeValueAsBytes(meta);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** Writes a temporary file, forces it to disk, then moves it over {@code target} atomically. */
  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path folder = target.getParent();
    Path temp = Files.createTempFile(folder, "." + target.getFileName() + ".", TEMP_SUFFIX);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the media folder does not support atomic moves", e);
      }
      forceFolder(folder);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Makes a rename in {@code folder} durable where the platform allows opening folders. */
  private static void forceFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException notSupported) {
      // some platforms (Windows) cannot open a folder: the rename is then as durable as they make
      // it
    }
  }

  private static List<Path> list(Path folder) {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      entries.forEach(files::add);
    } catch (NoSuchFileException gone) {
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    return files;
  }

  @Override
  public String toString() {
    return "FileSystemMediaStore[" + root + "]";
  }
}
