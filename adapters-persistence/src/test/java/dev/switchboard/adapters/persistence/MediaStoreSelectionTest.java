package dev.switchboard.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.port.out.MediaStore;
import dev.switchboard.application.security.MediaLinks;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which {@link MediaStore} the configuration selects, with the beans the bootstrap provides. */
class MediaStoreSelectionTest {

  private static S3TestServer server;

  @TempDir Path dataDir;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3TestServer.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Test
  void without_configuration_media_goes_to_the_media_folder_of_the_data_dir() {
    try (ApplicationContext context = start(Map.of())) {
      MediaStore store = context.getBean(MediaStore.class);

      assertThat(store).isInstanceOf(FileSystemMediaStore.class);
      assertThat(((FileSystemMediaStore) store).root())
          .isEqualTo(dataDir.resolve("media").toAbsolutePath());
    }
  }

  @Test
  void filesystem_selects_the_file_system_store() {
    try (ApplicationContext context = start(Map.of("switchboard.media.store", "filesystem"))) {
      assertThat(context.getBean(MediaStore.class)).isInstanceOf(FileSystemMediaStore.class);
    }
  }

  @Test
  void s3_selects_the_s3_store_configured_by_its_properties() {
    String bucket = server.createBucket();
    Map<String, Object> s3 = new HashMap<>();
    s3.put("switchboard.media.store", "s3");
    s3.put("switchboard.media.s3.bucket", bucket);
    s3.put("switchboard.media.s3.region", "eu-west-1");
    s3.put("switchboard.media.s3.endpoint", server.endpoint());
    s3.put("switchboard.media.s3.path-style-access", "true");
    s3.put("switchboard.media.s3.access-key-id", S3TestServer.ACCESS_KEY_ID);
    s3.put("switchboard.media.s3.secret-access-key", S3TestServer.SECRET_ACCESS_KEY);
    s3.put("switchboard.media.s3.prefix", "bridge/");
    try (ApplicationContext context = start(s3)) {
      MediaStore store = context.getBean(MediaStore.class);
      S3MediaStoreConfiguration configuration = context.getBean(S3MediaStoreConfiguration.class);

      assertThat(store).isInstanceOf(S3MediaStore.class);
      assertThat(context.getBeansOfType(MediaStore.class)).hasSize(1);
      assertThat(configuration.getBucket()).isEqualTo(bucket);
      assertThat(configuration.getRegion()).isEqualTo("eu-west-1");
      assertThat(configuration.isPathStyleAccess()).isTrue();
      assertThat(configuration.getPrefix()).isEqualTo("bridge/");
      String id = store.put("wamid.1", MediaStoreContractTest.png());
      assertThat(store.get(id)).isPresent();
    }
  }

  @Test
  void s3_without_a_bucket_fails_naming_the_property() {
    try (ApplicationContext context = start(Map.of("switchboard.media.store", "s3"))) {
      assertThatThrownBy(() -> context.getBean(MediaStore.class))
          .rootCause()
          .hasMessageContaining("switchboard.media.s3.bucket");
    }
  }

  private ApplicationContext start(Map<String, Object> media) {
    Map<String, Object> properties = new HashMap<>(TestDatabases.h2(dataDir.resolve("db")));
    properties.put("switchboard.data-dir", dataDir.toString());
    properties.putAll(media);
    return ApplicationContext.builder()
        .deduceEnvironment(false)
        .properties(properties)
        .singletons(
            Clock.systemUTC(),
            new MediaLinks(
                FileSystemMediaStoreContractTest.SIGNING_KEY,
                FileSystemMediaStoreContractTest.PUBLIC_URL))
        .start();
  }
}
