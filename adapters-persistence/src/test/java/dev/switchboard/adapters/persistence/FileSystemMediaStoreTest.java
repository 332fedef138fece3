package dev.switchboard.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.application.security.MediaLinks;
import dev.switchboard.domain.message.MediaBytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to the files of {@link FileSystemMediaStore}. */
class FileSystemMediaStoreTest {

  @TempDir Path dataDir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final MediaLinks links =
      new MediaLinks(
          FileSystemMediaStoreContractTest.SIGNING_KEY,
          FileSystemMediaStoreContractTest.PUBLIC_URL);

  @Test
  void media_is_kept_in_the_media_folder_of_the_data_dir_with_a_sidecar_and_no_temporary_files()
      throws Exception {
    FileSystemMediaStore store = store();

    String id =
        store.put("wamid.1", new MediaBytes(new byte[] {1, 2, 3}, "audio/ogg", "voice note.ogg"));

    Path shard = dataDir.resolve("media").resolve(id.substring(0, 2));
    assertThat(store.root()).isEqualTo(dataDir.resolve("media").toAbsolutePath());
    assertThat(files(dataDir.resolve("media")))
        .containsExactlyInAnyOrder(shard.resolve(id), shard.resolve(id + ".json"));
    assertThat(Files.readAllBytes(shard.resolve(id))).containsExactly(1, 2, 3);
    JsonNode sidecar = new ObjectMapper().readTree(shard.resolve(id + ".json").toFile());
    assertThat(sidecar.path("mimeType").asText()).isEqualTo("audio/ogg");
    assertThat(sidecar.path("filename").asText()).isEqualTo("voice note.ogg");
    assertThat(sidecar.path("storedAt").asText()).isEqualTo("2026-03-01T10:00:00Z");
  }

  @Test
  void bytes_written_without_their_sidecar_are_not_served_and_the_next_put_completes_them()
      throws Exception {
    FileSystemMediaStore store = store();
    String id = MediaIds.of("wamid.1");
    Path shard = Files.createDirectories(store.root().resolve(id.substring(0, 2)));
    Files.write(shard.resolve(id), new byte[] {9, 9}); // a put that died before its sidecar

    assertThat(store.get(id)).isEmpty();

    assertThat(store.put("wamid.1", new MediaBytes(new byte[] {1}, "image/png", null)))
        .isEqualTo(id);
    assertThat(store.get(id).orElseThrow().content()).containsExactly(1);
  }

  @Test
  void leftovers_of_interrupted_writes_are_purged_once_older_than_the_cutoff_but_not_counted()
      throws Exception {
    FileSystemMediaStore store = store();
    String id = store.put("wamid.kept", MediaStoreContractTest.png());
    Path shard = store.root().resolve(id.substring(0, 2));
    String orphanId = MediaIds.of("wamid.orphan");
    Path orphanShard = Files.createDirectories(store.root().resolve(orphanId.substring(0, 2)));
    Path orphan = Files.write(orphanShard.resolve(orphanId), new byte[] {1});
    Path temp = Files.write(shard.resolve("." + id + ".123.tmp"), new byte[] {2});
    Path recentTemp = Files.write(shard.resolve("." + id + ".456.tmp"), new byte[] {3});
    Instant cutoff = Instant.parse("2026-02-01T00:00:00Z");
    Files.setLastModifiedTime(orphan, FileTime.from(cutoff.minusSeconds(60)));
    Files.setLastModifiedTime(temp, FileTime.from(cutoff.minusSeconds(60)));
    Files.setLastModifiedTime(recentTemp, FileTime.from(cutoff.plusSeconds(60)));

    assertThat(store.deleteStoredBefore(cutoff)).isZero();

    assertThat(orphan).doesNotExist();
    assertThat(temp).doesNotExist();
    assertThat(recentTemp).exists();
    assertThat(store.get(id)).isPresent();
  }

  @Test
  void an_unreadable_sidecar_does_not_stop_the_purge_of_the_others() throws Exception {
    FileSystemMediaStore store = store();
    String broken = store.put("wamid.broken", MediaStoreContractTest.png());
    String old = store.put("wamid.old", MediaStoreContractTest.png());
    Files.writeString(
        store.root().resolve(broken.substring(0, 2)).resolve(broken + ".json"), "{not json");
    clock.advance(Duration.ofDays(1));

    assertThat(store.deleteStoredBefore(clock.instant())).isEqualTo(1);

    assertThat(store.get(old)).isEmpty();
  }

  @Test
  void a_link_is_the_bridges_signed_media_url_and_stops_working_when_it_expires() {
    FileSystemMediaStore store = store();
    String id = store.put("wamid.1", MediaStoreContractTest.png());
    Instant expiresAt = clock.instant().plus(Duration.ofMinutes(30));

    String link = store.link(id, expiresAt);

    assertThat(link)
        .startsWith("https://bridge.example.com/media/" + id + "?expires=")
        .isEqualTo(links.link(id, expiresAt));
    assertThat(FileSystemMediaStoreContractTest.follow(store, links, clock, link).status())
        .isEqualTo(200);
    clock.advance(Duration.ofMinutes(30));
    assertThat(FileSystemMediaStoreContractTest.follow(store, links, clock, link).status())
        .isEqualTo(403);
  }

  @Test
  void a_link_to_media_no_longer_kept_says_so() {
    FileSystemMediaStore store = store();
    String id = store.put("wamid.1", MediaStoreContractTest.png());
    String link = store.link(id, clock.instant().plus(Duration.ofDays(2)));
    clock.advance(Duration.ofDays(1));
    store.deleteStoredBefore(clock.instant());

    assertThat(FileSystemMediaStoreContractTest.follow(store, links, clock, link).status())
        .isEqualTo(404);
  }

  private FileSystemMediaStore store() {
    return new FileSystemMediaStore(dataDir.toString(), links, clock);
  }

  private static List<Path> files(Path folder) throws Exception {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }
}
