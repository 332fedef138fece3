package dev.switchboard.adapters.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaHostsTest {

  private static final MediaHosts HOSTS =
      new MediaHosts(
          List.of(
              "api-downloads.mypurecloud.com",
              "*.media.example.com",
              " Files.Example.ORG ",
              "127.0.0.1",
              // forms that are not understood allow nothing
              "*",
              "*example.net",
              "cdn.*.example.net",
              "*.",
              "host.example.net:8443",
              "https://url.example.net/"));

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "https://api-downloads.mypurecloud.com/api/v2/downloads/x, true",
    "http://api-downloads.mypurecloud.com:8080/x, true",
    "HTTPS://API-DOWNLOADS.MYPURECLOUD.COM/x, true",
    "https://api-downloads.mypurecloud.com./x, true",
    "https://cdn.media.example.com/x, true",
    "https://a.b.media.example.com/x, true",
    "https://files.example.org/x, true",
    "http://127.0.0.1:4567/api/v2/downloads/x, true",
    "https://media.example.com/x, false",
    "https://evilmedia.example.com/x, false",
    "https://media.example.com.evil.net/x, false",
    "https://api-downloads.mypurecloud.com.evil.net/x, false",
    "https://api-downloads.mypurecloud.com@evil.net/x, false",
    "https://mypurecloud.com/x, false",
    "https://anything.example.net/x, false",
    "https://example.net/x, false",
    "https://cdn.a.example.net/x, false",
    "https://host.example.net:8443/x, false",
    "https://url.example.net/x, false",
    "http://127.0.0.2/x, false",
    "ftp://api-downloads.mypurecloud.com/x, false",
    "file:///etc/passwd, false",
    "/api/v2/downloads/x, false",
  })
  void allows_exact_hosts_and_hosts_below_a_suffix_over_http_and_https(
      String url, boolean allowed) {
    assertThat(HOSTS.allows(URI.create(url))).isEqualTo(allowed);
  }

  @ParameterizedTest
  @CsvSource({"https://cdn.media.example.com/x", "https://api-downloads.mypurecloud.com/x"})
  void no_entry_allows_nothing(String url) {
    assertThat(new MediaHosts(List.of()).allows(URI.create(url))).isFalse();
  }
}
