package dev.switchboard.adapters.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.fakes.InMemoryMediaStore;
import dev.switchboard.application.security.MediaLinks;
import dev.switchboard.domain.message.MediaBytes;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@MicronautTest
@Property(name = "switchboard.genesys.webhook-secret", value = "webhook-secret-0123456789")
class GenesysMediaControllerTest {

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 1, 2};

  @Inject EmbeddedServer server;
  @Inject InMemoryMediaStore store;
  @Inject MediaLinks links;
  @Inject MediaBeans.Time time;
  @Inject MediaBeans.FailingServe serve;

  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void heal() {
    serve.failWith(null);
  }

  @Test
  void a_valid_link_serves_the_bytes_with_their_type_inline_and_privately() throws Exception {
    String link = link(store("image/png", null), Duration.ofHours(1));

    HttpResponse<byte[]> response = get(link);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(PNG);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(response.headers().firstValue("Content-Disposition")).hasValue("inline");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("private");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void a_document_is_served_with_its_file_name_safely_encoded() throws Exception {
    String link = link(store("application/pdf", "Rechnung \"März\"\r\n.pdf"), Duration.ofHours(1));

    HttpResponse<byte[]> response = get(link);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(response.headers().firstValue("Content-Disposition"))
        .hasValue(
            "inline; filename=\"Rechnung _M_rz___.pdf\";"
                + " filename*=UTF-8''Rechnung%20%22M%C3%A4rz%22%0D%0A.pdf");
  }

  @Test
  void a_media_type_with_parameters_is_kept_and_one_that_is_none_becomes_octet_stream()
      throws Exception {
    HttpResponse<byte[]> voice =
        get(link(store("audio/ogg; codecs=opus", null), Duration.ofHours(1)));
    HttpResponse<byte[]> odd = get(link(store("not a media type", null), Duration.ofHours(1)));

    assertThat(voice.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("audio/ogg")
        .contains("codecs=opus");
    assertThat(odd.statusCode()).isEqualTo(200);
    assertThat(odd.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
  }

  @Test
  void whatever_the_client_accepts_the_bytes_are_served() throws Exception {
    String link = link(store("image/png", null), Duration.ofHours(1));

    for (String accept : new String[] {"application/json", "image/png", "text/html, */*;q=0.1"}) {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(URI.create(link)).header("Accept", accept).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).as(accept).isEqualTo(200);
      assertThat(response.body()).isEqualTo(PNG);
    }
  }

  @Test
  void without_its_query_a_link_is_forbidden() throws Exception {
    String link = link(store("image/png", null), Duration.ofHours(1));

    assertForbidden(link.substring(0, link.indexOf('?')));
  }

  @Test
  void with_only_one_of_its_query_values_a_link_is_forbidden() throws Exception {
    String link = link(store("image/png", null), Duration.ofHours(1));
    String path = link.substring(0, link.indexOf('?'));
    String[] query = link.substring(link.indexOf('?') + 1).split("&");

    assertForbidden(path + "?" + query[0]);
    assertForbidden(path + "?" + query[1]);
  }

  @Test
  void with_an_altered_expiry_or_signature_a_link_is_forbidden() throws Exception {
    String link = link(store("image/png", null), Duration.ofHours(1));
    String path = link.substring(0, link.indexOf('?'));
    String expires = value(link, "expires");
    String signature = value(link, "signature");
    String later = String.valueOf(Long.parseLong(expires) + 3600);

    assertForbidden(path + "?expires=" + later + "&signature=" + signature);
    assertForbidden(path + "?expires=" + expires + "&signature=" + altered(signature));
    assertForbidden(path + "?expires=" + altered(later) + "&signature=" + altered(signature));
    assertForbidden(path + "?expires=not-a-number&signature=" + signature);
    assertForbidden(path + "?expires=" + expires + "&signature=");
  }

  @Test
  void the_query_of_another_medias_link_is_forbidden() throws Exception {
    String mine = link(store("image/png", null), Duration.ofHours(1));
    String other = link(store("image/png", null), Duration.ofHours(1));

    assertForbidden(mine.substring(0, mine.indexOf('?')) + other.substring(other.indexOf('?')));
  }

  @Test
  void an_expired_link_is_forbidden() throws Exception {
    String link = link(store("image/png", null), Duration.ofMinutes(5));
    assertThat(get(link).statusCode()).isEqualTo(200);

    time.clock().advance(Duration.ofMinutes(5));

    assertForbidden(link);
  }

  @Test
  void a_valid_link_to_media_no_longer_kept_is_not_found() throws Exception {
    String link = link(store("image/png", null), Duration.ofDays(2));
    time.clock().advance(Duration.ofSeconds(1));
    store.deleteStoredBefore(time.clock().instant());

    HttpResponse<byte[]> response = get(link);

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/media/unknown-id",
        "/media/unknown-id?expires=99999999999&signature=AAAA",
        "/media/%2e%2e%2f%2e%2e%2fetc%2fpasswd?expires=99999999999&signature=AAAA",
        "/media/..%252f..%252fetc?expires=1&signature=x",
        "/media/x?expires=-1&signature=%00",
        "/media/x?expires=1e400&signature=%F0%9F%92%A9",
      })
  void odd_requests_are_forbidden_never_an_error(String pathAndQuery) throws Exception {
    HttpResponse<byte[]> response = get(server.getURL() + pathAndQuery);

    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void an_overlong_id_is_forbidden() throws Exception {
    assertForbidden(
        server.getURL()
            + "/media/"
            + "a".repeat(GenesysMediaController.MAX_INPUT + 1)
            + "?expires=1&signature=x");
  }

  @Test
  void a_failing_store_is_a_503_to_retry_not_a_500() throws Exception {
    String link = link(store("image/png", null), Duration.ofHours(1));
    serve.failWith(new IllegalStateException("disk gone"));

    HttpResponse<byte[]> response = get(link);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
  }

  // ------------------------------------------------------------------ helpers

  /** Stores the test bytes under a fresh key; returns the id. */
  private String store(String mimeType, String filename) {
    return store.put(
        "wamid.HBgL" + UUID.randomUUID() + "=", new MediaBytes(PNG, mimeType, filename));
  }

  /** The signed link to {@code id}, on the embedded server. */
  private String link(String id, Duration lifetime) {
    String signed = links.link(id, time.clock().instant().plus(lifetime));
    return server.getURL() + signed.substring(MediaBeans.PUBLIC_URL.length());
  }

  private HttpResponse<byte[]> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private void assertForbidden(String url) throws Exception {
    HttpResponse<byte[]> response = get(url);
    assertThat(response.statusCode()).as(url).isEqualTo(403);
  }

  private static String value(String link, String name) {
    for (String pair : link.substring(link.indexOf('?') + 1).split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    throw new AssertionError(name + " not in " + link);
  }

  /** The value with its last character changed. */
  private static String altered(String value) {
    char last = value.charAt(value.length() - 1);
    char swapped = last == '0' ? '1' : Character.isDigit(last) ? '0' : last == 'a' ? 'b' : 'a';
    return value.substring(0, value.length() - 1) + swapped;
  }
}
