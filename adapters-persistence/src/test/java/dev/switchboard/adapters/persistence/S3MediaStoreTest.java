package dev.switchboard.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.message.MediaBytes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What is particular to {@link S3MediaStore}, against a real S3-compatible server. */
class S3MediaStoreTest {

  private static S3TestServer server;
  private static S3TestServer strictServer;
  private static S3Client raw;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void startServers() throws Exception {
    server = S3TestServer.start();
    strictServer = S3TestServer.start(false);
    raw =
        S3Client.builder()
            .region(Region.of(S3TestServer.REGION))
            .endpointOverride(URI.create(server.endpoint()))
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        S3TestServer.ACCESS_KEY_ID, S3TestServer.SECRET_ACCESS_KEY)))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            // S3Proxy does not take the SDK's default aws-chunked uploads with checksum trailers
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .build();
  }

  @AfterAll
  static void stopServers() throws Exception {
    raw.close();
    server.close();
    strictServer.close();
  }

  @Test
  void an_object_is_the_prefix_and_id_with_its_media_type_file_name_and_stored_time() {
    String bucket = server.createBucket();
    S3MediaStoreConfiguration configuration = server.configuration(bucket);
    configuration.setPrefix("switchboard/media/");
    try (S3MediaStore store = new S3MediaStore(configuration, Clock.systemUTC())) {
      Instant before = Instant.now().minusSeconds(1);

      String id =
          store.put("wamid.1", new MediaBytes(new byte[] {1, 2, 3}, "image/jpeg", "Año ✓.jpg"));

      HeadObjectResponse head =
          raw.headObject(request -> request.bucket(bucket).key("switchboard/media/" + id));
      assertThat(head.contentType()).isEqualTo("image/jpeg");
      assertThat(head.contentLength()).isEqualTo(3);
      assertThat(head.metadata()).containsEntry("filename", "A%C3%B1o+%E2%9C%93.jpg");
      assertThat(Instant.parse(head.metadata().get("stored-at"))).isAfter(before);
      assertThat(store.get(id).orElseThrow().filename()).isEqualTo("Año ✓.jpg");
    }
  }

  @Test
  void purging_leaves_alone_what_the_store_did_not_write() throws Exception {
    String bucket = server.createBucket();
    try (S3MediaStore store = new S3MediaStore(server.configuration(bucket), Clock.systemUTC())) {
      String id = store.put("wamid.1", MediaStoreContractTest.png());
      raw.putObject(
          request -> request.bucket(bucket).key("media/README.txt"), RequestBody.fromString("x"));
      raw.putObject(
          request -> request.bucket(bucket).key("backups/" + id), RequestBody.fromString("y"));
      Thread.sleep(1100);

      assertThat(store.deleteStoredBefore(Instant.now().plusSeconds(5))).isEqualTo(1);

      assertThat(keys(bucket)).containsExactlyInAnyOrder("media/README.txt", "backups/" + id);
    }
  }

  @Test
  void a_store_that_refuses_batch_deletes_gets_its_objects_deleted_one_by_one() throws Exception {
    S3MediaStoreConfiguration configuration =
        strictServer.configuration(strictServer.createBucket());
    try (S3MediaStore store = new S3MediaStore(configuration, Clock.systemUTC())) {
      String old1 = store.put("wamid.old1", MediaStoreContractTest.png());
      String old2 = store.put("wamid.old2", MediaStoreContractTest.png());
      Instant cutoff = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
      Thread.sleep(Duration.between(Instant.now(), cutoff).toMillis() + 50);
      String fresh = store.put("wamid.fresh", MediaStoreContractTest.png());

      assertThat(store.deleteStoredBefore(cutoff)).isEqualTo(2);
      assertThat(store.deleteStoredBefore(cutoff)).isZero();

      assertThat(store.get(old1)).isEmpty();
      assertThat(store.get(old2)).isEmpty();
      assertThat(store.get(fresh)).isPresent();
    }
  }

  @Test
  void a_link_is_valid_for_at_most_seven_days() {
    try (S3MediaStore store =
        new S3MediaStore(server.configuration(server.createBucket()), Clock.systemUTC())) {
      String id = store.put("wamid.1", MediaStoreContractTest.png());

      assertThat(store.link(id, Instant.now().plus(Duration.ofDays(30))))
          .contains("X-Amz-Expires=604800");
      assertThat(store.link(id, Instant.now().plus(Duration.ofHours(1)).plusMillis(500)))
          .contains("X-Amz-Expires=3600");
    }
  }

  @Test
  void an_expired_link_is_refused() throws Exception {
    try (S3MediaStore store =
        new S3MediaStore(server.configuration(server.createBucket()), Clock.systemUTC())) {
      String id = store.put("wamid.1", MediaStoreContractTest.png());
      String link = store.link(id, Instant.now().plusSeconds(1));
      assertThat(status(link)).isEqualTo(200);

      Thread.sleep(2100);

      assertThat(status(link)).isEqualTo(403);
    }
  }

  @Test
  void wrong_credentials_fail_loudly_rather_than_look_like_missing_media() {
    S3MediaStoreConfiguration configuration = server.configuration(server.createBucket());
    configuration.setSecretAccessKey("not-the-secret");
    try (S3MediaStore store = new S3MediaStore(configuration, Clock.systemUTC())) {
      assertThatThrownBy(() -> store.get(MediaIds.of("wamid.1")))
          .isInstanceOf(S3Exception.class)
          .hasMessageNotContaining("not-the-secret");
      assertThatThrownBy(() -> store.put("wamid.1", MediaStoreContractTest.png()))
          .isInstanceOf(S3Exception.class);
    }
  }

  @Test
  void an_incomplete_configuration_is_refused_with_the_property_it_lacks() {
    S3MediaStoreConfiguration noBucket = server.configuration(" ");
    S3MediaStoreConfiguration noSecret = server.configuration("b");
    noSecret.setSecretAccessKey(null);
    S3MediaStoreConfiguration noKeyId = server.configuration("b");
    noKeyId.setAccessKeyId("");
    S3MediaStoreConfiguration badEndpoint = server.configuration("b");
    badEndpoint.setEndpoint("localhost:9000/x y");

    assertThatThrownBy(() -> new S3MediaStore(noBucket, null))
        .hasMessageContaining("switchboard.media.s3.bucket");
    assertThatThrownBy(() -> new S3MediaStore(noSecret, null))
        .hasMessageStartingWith("switchboard.media.s3.secret-access-key");
    assertThatThrownBy(() -> new S3MediaStore(noKeyId, null))
        .hasMessageStartingWith("switchboard.media.s3.access-key-id");
    assertThatThrownBy(() -> new S3MediaStore(badEndpoint, null))
        .hasMessageContaining("switchboard.media.s3.endpoint");
  }

  @Test
  void the_configuration_never_shows_the_secret() {
    S3MediaStoreConfiguration configuration = server.configuration("bucket-1");

    assertThat(configuration.toString())
        .contains("bucket-1", "credentials=static")
        .doesNotContain(S3TestServer.SECRET_ACCESS_KEY)
        .doesNotContain(S3TestServer.ACCESS_KEY_ID);
  }

  @Test
  void defaults_are_us_east_1_virtual_hosted_and_the_media_prefix() {
    S3MediaStoreConfiguration defaults = new S3MediaStoreConfiguration();

    assertThat(defaults.getRegion()).isEqualTo("us-east-1");
    assertThat(defaults.isPathStyleAccess()).isFalse();
    assertThat(defaults.getPrefix()).isEqualTo("media/");
    assertThat(defaults.getEndpoint()).isNull();
    assertThat(defaults.getAccessKeyId()).isNull();
  }

  private static int status(String link) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(link)).GET().build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static List<String> keys(String bucket) {
    return raw.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream()
        .map(S3Object::key)
        .toList();
  }
}
