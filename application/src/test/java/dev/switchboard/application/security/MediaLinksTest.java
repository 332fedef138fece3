package dev.switchboard.application.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MediaLinksTest {

  private static final String SECRET = "media-signing-secret-0123456789";
  private static final String PUBLIC_URL = "https://bridge.example.com";
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  private static final Instant EXPIRES = NOW.plus(Duration.ofHours(24));
  private static final String ID = "media-wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTdD";

  private final MediaLinks links = new MediaLinks(SECRET, PUBLIC_URL);

  /** The parts of a link as the media endpoint gets them: the id from the path, the query. */
  private record Request(String id, String expires, String signature) {
    static Request of(String link) {
      URI uri = URI.create(link);
      String path = uri.getRawPath();
      String id =
          URLDecoder.decode(
              path.substring(path.lastIndexOf('/') + 1).replace("+", "%2B"),
              StandardCharsets.UTF_8);
      Map<String, String> query = new LinkedHashMap<>();
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
      return new Request(id, query.get("expires"), query.get("signature"));
    }
  }

  private boolean allows(Request request, Instant at) {
    return links.allows(request.id(), request.expires(), request.signature(), at);
  }

  private static String altered(String value) {
    char last = value.charAt(value.length() - 1);
    char swap = last == '0' ? '1' : Character.isDigit(last) ? '0' : last == 'a' ? 'b' : 'a';
    return value.substring(0, value.length() - 1) + swap;
  }

  @Test
  void a_link_points_at_the_media_endpoint_with_its_expiry_and_a_signature() {
    String link = links.link(ID, EXPIRES);

    assertThat(link).startsWith(PUBLIC_URL + "/media/" + ID + "?expires=");
    Request request = Request.of(link);
    assertThat(request.id()).isEqualTo(ID);
    assertThat(request.expires()).isEqualTo(Long.toString(EXPIRES.getEpochSecond()));
    assertThat(request.signature()).isNotBlank().matches("[A-Za-z0-9_-]+");
  }

  @Test
  void a_link_is_allowed_until_it_expires() {
    Request request = Request.of(links.link(ID, EXPIRES));

    assertThat(allows(request, NOW)).isTrue();
    assertThat(allows(request, EXPIRES.minusSeconds(1))).isTrue();
  }

  @Test
  void a_link_is_refused_from_its_expiry_on() {
    Request request = Request.of(links.link(ID, EXPIRES));

    assertThat(allows(request, EXPIRES)).isFalse();
    assertThat(allows(request, EXPIRES.plusSeconds(1))).isFalse();
    assertThat(allows(request, EXPIRES.plus(Duration.ofDays(30)))).isFalse();
  }

  static Stream<Arguments> tampered() {
    MediaLinks links = new MediaLinks(SECRET, PUBLIC_URL);
    Request good = Request.of(links.link(ID, EXPIRES));
    Request other = Request.of(links.link("media-other", EXPIRES));
    Request otherKey = Request.of(new MediaLinks("another-secret", PUBLIC_URL).link(ID, EXPIRES));
    long later = EXPIRES.plus(Duration.ofDays(365)).getEpochSecond();
    return Stream.of(
        Arguments.of("another id", new Request("media-other", good.expires(), good.signature())),
        Arguments.of("an altered id", new Request(altered(ID), good.expires(), good.signature())),
        Arguments.of(
            "an altered expiry", new Request(ID, altered(good.expires()), good.signature())),
        Arguments.of("a later expiry", new Request(ID, Long.toString(later), good.signature())),
        Arguments.of(
            "an altered signature", new Request(ID, good.expires(), altered(good.signature()))),
        Arguments.of(
            "every value altered",
            new Request(altered(ID), altered(good.expires()), altered(good.signature()))),
        Arguments.of("another id's signature", new Request(ID, other.expires(), other.signature())),
        Arguments.of("another key's signature", otherKey),
        Arguments.of("no signature", new Request(ID, good.expires(), null)),
        Arguments.of("an empty signature", new Request(ID, good.expires(), "")),
        Arguments.of("no expiry", new Request(ID, null, good.signature())),
        Arguments.of("an empty expiry", new Request(ID, "", good.signature())),
        Arguments.of("an expiry that is no number", new Request(ID, "tomorrow", good.signature())),
        Arguments.of("no id", new Request(null, good.expires(), good.signature())),
        Arguments.of("nothing", new Request(null, null, null)),
        Arguments.of(
            "a signature in standard base64",
            new Request(
                ID, good.expires(), good.signature().replace('-', '+').replace('_', '/') + "=")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tampered")
  void a_request_not_carrying_the_links_own_values_is_refused(String name, Request request) {
    assertThat(allows(request, NOW)).isFalse();
  }

  @Test
  void a_link_carries_no_secret() {
    String link = links.link(ID, EXPIRES);
    String secretInBase64 =
        Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
    String secretInBase64Url =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));

    assertThat(link)
        .doesNotContain(SECRET)
        .doesNotContain(secretInBase64.substring(0, 12))
        .doesNotContain(secretInBase64Url.substring(0, 12));
    assertThat(links.toString()).doesNotContain(SECRET);
  }

  @Test
  void links_to_the_same_media_with_another_expiry_are_signed_differently() {
    Request first = Request.of(links.link(ID, EXPIRES));
    Request second = Request.of(links.link(ID, EXPIRES.plusSeconds(1)));

    assertThat(second.signature()).isNotEqualTo(first.signature());
  }

  @Test
  void an_id_with_characters_special_in_a_url_is_escaped_and_still_verifies() {
    String id = "media-wamid.HBg+LM/TY=1 x";

    String link = links.link(id, EXPIRES);

    String path = URI.create(link).getRawPath();
    assertThat(path).isEqualTo("/media/media-wamid.HBg%2BLM%2FTY%3D1%20x");
    assertThat(allows(Request.of(link), NOW)).isTrue();
  }

  @Test
  void a_trailing_slash_of_the_public_url_is_not_doubled() {
    assertThat(new MediaLinks(SECRET, PUBLIC_URL + "/").link(ID, EXPIRES))
        .startsWith(PUBLIC_URL + "/media/");
  }

  @Test
  void an_empty_key_is_refused() {
    assertThatThrownBy(() -> new MediaLinks("", PUBLIC_URL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(SECRET);
  }
}
