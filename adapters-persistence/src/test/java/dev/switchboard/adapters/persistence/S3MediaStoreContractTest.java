package dev.switchboard.adapters.persistence;

import dev.switchboard.application.port.out.MediaStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The media store contract on S3, against a real S3-compatible server ({@link S3TestServer}) with a
 * new bucket per test; links are fetched with a plain HTTP client, as Genesys fetches them.
 */
class S3MediaStoreContractTest extends MediaStoreContractTest {

  private static S3TestServer server;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void startServer() throws Exception {
    server = S3TestServer.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void closeStore() {
    ((S3MediaStore) store).close();
  }

  @Override
  MediaStore newStore() {
    return new S3MediaStore(server.configuration(server.createBucket()), Clock.systemUTC());
  }

  /** S3 keeps LastModified by the server's clock, to the second: waits for the next second. */
  @Override
  Instant passTime() throws InterruptedException {
    Instant cutoff = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), cutoff).toMillis()) + 50);
    return cutoff;
  }

  @Override
  Instant now() {
    return Instant.now();
  }

  @Override
  Fetched follow(String link) throws Exception {
    HttpResponse<byte[]> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(link)).timeout(Duration.ofSeconds(30)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    return new Fetched(response.statusCode(), response.body());
  }
}
