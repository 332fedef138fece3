package dev.switchboard.adapters.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.switchboard.adapters.genesys.StubMediaHosts.Reply;
import dev.switchboard.adapters.genesys.StubMediaHosts.Seen;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.pipeline.FetchOutcome;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.MediaBytes;
import dev.switchboard.domain.message.MediaKind;
import dev.switchboard.domain.message.OutboundContent;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fetching agents' attachments: only from the media hosts, within the size limit. */
class GenesysAttachmentFetchTest {

  private static final String INTEGRATION = "6685901b-6d0e-43db-95ff-d64406e9dce2";
  private static final String DOWNLOADS = "api-downloads.mypurecloud.com";
  private static final ConnectionId OTHER = new ConnectionId("other");
  private static final String OTHER_INTEGRATION = "0c3e0d1a-7d3b-4b8e-9f0e-3b5a4e2c1d00";
  private static final String OTHER_DOWNLOADS = "api-downloads.mypurecloud.de";
  private static final byte[] PNG =
      bytes(
          "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
              + "1f15c4890000000d4944415478da63f8cfc0f01f0005000200a1d1a4e90000000049454e44ae426082");

  private StubMediaHosts hosts;
  private StubGenesys genesys;
  private GenesysOpenMessagingContactCenter center;

  @BeforeEach
  void start() {
    hosts = new StubMediaHosts();
    genesys = new StubGenesys();
    center = contactCenter(Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    center.close();
    genesys.close();
    hosts.close();
  }

  private GenesysOpenMessagingContactCenter contactCenter(Duration timeout) {
    GenesysSettings settings =
        new GenesysSettings(
            genesys.url(),
            genesys.url(),
            StubGenesys.CLIENT_ID,
            StubGenesys.CLIENT_SECRET,
            INTEGRATION,
            "webhook-secret",
            List.of(DOWNLOADS, "*.media.example.com", "127.0.0.1"));
    // another org's integration, whose agents' attachments come from its own host only
    GenesysSettings elsewhere =
        new GenesysSettings(
            genesys.url(),
            genesys.url(),
            StubGenesys.CLIENT_ID,
            StubGenesys.CLIENT_SECRET,
            OTHER_INTEGRATION,
            "other-webhook-secret",
            List.of(OTHER_DOWNLOADS));
    return new GenesysOpenMessagingContactCenter(
        GenesysIntegrations.of(
            List.of(
                new GenesysIntegrations.Integration(ConnectionId.DEFAULT, settings),
                new GenesysIntegrations.Integration(OTHER, elsewhere))),
        Fixtures.json(),
        new MutableClock(Instant.parse("2025-06-10T21:00:00Z")),
        timeout,
        Duration.ofSeconds(10),
        hosts.proxy());
  }

  // ------------------------------------------------------------------ which hosts

  @Test
  void fetches_from_an_allowed_host_without_a_token_with_its_type_and_the_agents_filename() {
    hosts.on(DOWNLOADS, "/api/v2/downloads/pce9ac7dc17eab202a3", Reply.of(200, PNG, "image/png"));

    FetchOutcome outcome =
        center.fetchAttachment(
            ConnectionId.DEFAULT,
            image("http://" + DOWNLOADS + "/api/v2/downloads/pce9ac7dc17eab202a3"),
            1000);

    MediaBytes media = fetched(outcome);
    assertThat(media.content()).isEqualTo(PNG);
    assertThat(media.mimeType()).isEqualTo("image/png");
    assertThat(media.filename()).isEqualTo("Header.png");
    assertThat(hosts.seen())
        .containsExactly(new Seen(DOWNLOADS, "/api/v2/downloads/pce9ac7dc17eab202a3", null));
    assertThat(genesys.requestsTo("/oauth/token")).isEmpty();
  }

  @Test
  void host_names_are_compared_without_regard_to_case() {
    hosts.on(DOWNLOADS, "/x", Reply.of(200, PNG, "image/png"));

    assertThat(
            center.fetchAttachment(
                ConnectionId.DEFAULT, image("http://API-Downloads.MyPureCloud.com/x"), 1000))
        .isInstanceOf(FetchOutcome.Fetched.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"cdn.media.example.com", "a.b.media.example.com", "CDN.Media.Example.COM"})
  void fetches_from_any_host_below_an_allowed_suffix(String host) {
    hosts.on(host, "/att/1", Reply.of(200, PNG, "image/png"));

    assertThat(
            fetched(
                    center.fetchAttachment(
                        ConnectionId.DEFAULT, image("http://" + host + "/att/1"), 1000))
                .content())
        .isEqualTo(PNG);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://evil.example.net/x.png",
        "http://media.example.com/x.png",
        "http://evilmedia.example.com/x.png",
        "http://api-downloads.mypurecloud.com.evil.net/x.png",
        "http://api-downloads.mypurecloud.com@evil.net/x.png",
        "http://localhost/x.png",
        "ftp://api-downloads.mypurecloud.com/x.png",
        "file:///etc/passwd",
        "not a url at all",
        "/api/v2/downloads/relative"
      })
  void refuses_any_other_url_without_making_a_request(String url) {
    FetchOutcome outcome = center.fetchAttachment(ConnectionId.DEFAULT, image(url), 1000);

    assertThat(outcome)
        .isEqualTo(
            new FetchOutcome.Unavailable(
                new DeliveryFailure(
                    FailureReason.MESSAGE_NOT_ALLOWED,
                    "attachments are only fetched from the contact center's media hosts")));
    assertThat(hosts.seen()).isEmpty();
  }

  @Test
  void each_connection_fetches_only_from_the_media_hosts_of_its_integration() {
    hosts.on(DOWNLOADS, "/d/1", Reply.of(200, PNG, "image/png"));
    hosts.on(OTHER_DOWNLOADS, "/d/2", Reply.of(200, PNG, "image/png"));

    FetchOutcome elsewhere =
        center.fetchAttachment(OTHER, image("http://" + DOWNLOADS + "/d/1"), 1000);
    FetchOutcome own =
        center.fetchAttachment(OTHER, image("http://" + OTHER_DOWNLOADS + "/d/2"), 1000);
    FetchOutcome notDefaults =
        center.fetchAttachment(
            ConnectionId.DEFAULT, image("http://" + OTHER_DOWNLOADS + "/d/2"), 1000);

    assertThat(elsewhere).isInstanceOf(FetchOutcome.Unavailable.class);
    assertThat(fetched(own).content()).isEqualTo(PNG);
    assertThat(notDefaults).isInstanceOf(FetchOutcome.Unavailable.class);
    assertThat(hosts.seen()).extracting(Seen::host).containsExactly(OTHER_DOWNLOADS);
  }

  @Test
  void an_attachment_of_a_connection_without_an_integration_is_unavailable_without_a_request() {
    hosts.on(DOWNLOADS, "/d/1", Reply.of(200, PNG, "image/png"));

    FetchOutcome outcome =
        center.fetchAttachment(
            new ConnectionId("nowhere"), image("http://" + DOWNLOADS + "/d/1"), 1000);

    assertThat(outcome).isInstanceOf(FetchOutcome.Unavailable.class);
    assertThat(((FetchOutcome.Unavailable) outcome).failure().message()).contains("nowhere");
    assertThat(hosts.seen()).isEmpty();
  }

  // ------------------------------------------------------------------ redirects

  @Test
  void follows_a_redirect_to_an_allowed_host() {
    hosts.on(DOWNLOADS, "/d/1", Reply.redirect(302, "http://cdn.media.example.com/signed/1"));
    hosts.on("cdn.media.example.com", "/signed/1", Reply.of(200, PNG, "image/png"));

    assertThat(
            fetched(
                    center.fetchAttachment(
                        ConnectionId.DEFAULT, image("http://" + DOWNLOADS + "/d/1"), 1000))
                .content())
        .isEqualTo(PNG);
    assertThat(hosts.seen())
        .extracting(Seen::host)
        .containsExactly(DOWNLOADS, "cdn.media.example.com");
  }

  @Test
  void follows_a_relative_redirect_on_the_same_host() {
    hosts.on(DOWNLOADS, "/d/1", Reply.redirect(307, "/d/1/content"));
    hosts.on(DOWNLOADS, "/d/1/content", Reply.of(200, PNG, "image/png"));

    assertThat(
            center.fetchAttachment(
                ConnectionId.DEFAULT, image("http://" + DOWNLOADS + "/d/1"), 1000))
        .isInstanceOf(FetchOutcome.Fetched.class);
  }

  @Test
  void refuses_a_redirect_to_another_host_without_following_it() {
    hosts.on(DOWNLOADS, "/d/1", Reply.redirect(302, "http://169.254.169.254/latest/meta-data/"));
    hosts.on("169.254.169.254", "/latest/meta-data/", Reply.of(200, PNG, "text/plain"));

    FetchOutcome outcome =
        center.fetchAttachment(ConnectionId.DEFAULT, image("http://" + DOWNLOADS + "/d/1"), 1000);

    assertThat(outcome).isInstanceOf(FetchOutcome.Unavailable.class);
    assertThat(((FetchOutcome.Unavailable) outcome).failure().reason())
        .isEqualTo(FailureReason.MESSAGE_NOT_ALLOWED);
    assertThat(hosts.seen()).extracting(Seen::host).containsExactly(DOWNLOADS);
  }

  @Test
  void follows_at_most_three_redirects() {
    hosts.on(DOWNLOADS, "/r0", Reply.redirect(301, "/r1"));
    hosts.on(DOWNLOADS, "/r1", Reply.redirect(302, "/r2"));
    hosts.on(DOWNLOADS, "/r2", Reply.redirect(303, "/r3"));
    hosts.on(DOWNLOADS, "/r3", Reply.redirect(308, "/r4"));
    hosts.on(DOWNLOADS, "/r4", Reply.of(200, PNG, "image/png"));

    FetchOutcome outcome =
        center.fetchAttachment(ConnectionId.DEFAULT, image("http://" + DOWNLOADS + "/r0"), 1000);

    assertThat(outcome).isInstanceOf(FetchOutcome.Unavailable.class);
    assertThat(((FetchOutcome.Unavailable) outcome).failure().message()).contains("redirects");
    assertThat(hosts.seen()).extracting(Seen::path).containsExactly("/r0", "/r1", "/r2", "/r3");
  }

  @Test
  void three_redirects_are_followed() {
    hosts.on(DOWNLOADS, "/r0", Reply.redirect(301, "/r1"));
    hosts.on(DOWNLOADS, "/r1", Reply.redirect(302, "/r2"));
    hosts.on(DOWNLOADS, "/r2", Reply.redirect(303, "/r3"));
    hosts.on(DOWNLOADS, "/r3", Reply.of(200, PNG, "image/png"));

    assertThat(
            center.fetchAttachment(
                ConnectionId.DEFAULT, image("http://" + DOWNLOADS + "/r0"), 1000))
        .isInstanceOf(FetchOutcome.Fetched.class);
  }

  // ------------------------------------------------------------------ the bearer token

  @Test
  void a_download_from_the_genesys_api_itself_carries_its_token_and_a_redirect_elsewhere_none() {
    String api = genesys.url().substring("http://".length()); // 127.0.0.1:<port>
    hosts.on(api, "/api/v2/downloads/abc", Reply.redirect(303, "http://cdn.media.example.com/s"));
    hosts.on("cdn.media.example.com", "/s", Reply.of(200, PNG, "image/png"));

    FetchOutcome outcome =
        center.fetchAttachment(
            ConnectionId.DEFAULT, image(genesys.url() + "/api/v2/downloads/abc"), 1000);

    assertThat(outcome).isInstanceOf(FetchOutcome.Fetched.class);
    assertThat(hosts.seen())
        .containsExactly(
            new Seen(api, "/api/v2/downloads/abc", "Bearer stub-token-1"),
            new Seen("cdn.media.example.com", "/s", null));
  }

  // ------------------------------------------------------------------ size

  @Test
  void a_content_length_over_the_limit_is_unavailable() {
    hosts.on(DOWNLOADS, "/big", Reply.of(200, new byte[2000], "image/png"));

    FetchOutcome outcome =
        center.fetchAttachment(ConnectionId.DEFAULT, image("http://" + DOWNLOADS + "/big"), 1999);

    assertThat(outcome).isInstanceOf(FetchOutcome.Unavailable.class);
    assertThat(((FetchOutcome.Unavailable) outcome).failure().reason())
        .isEqualTo(FailureReason.INVALID_MEDIA_CONTENT_LENGTH);
  }

  @Test
  void a_body_streamed_past_the_limit_is_cut_off_and_unavailable() {
    hosts.on(DOWNLOADS, "/endless", Reply.of(200, new byte[0], "video/mp4").endless());

    FetchOutcome outcome =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () ->
                center.fetchAttachment(
                    ConnectionId.DEFAULT, image("http://" + DOWNLOADS + "/endless"), 1_000_000));

    assertThat(outcome).isInstanceOf(FetchOutcome.Unavailable.class);
    assertThat(((FetchOutcome.Unavailable) outcome).failure().reason())
        .isEqualTo(FailureReason.INVALID_MEDIA_CONTENT_LENGTH);
    assertThat(hosts.endlessWritten()).isLessThan(StubMediaHosts.ENDLESS_LIMIT / 4);
  }

  @Test
  void a_streamed_body_of_exactly_the_limit_is_fetched() {
    byte[] body = new byte[100_000];
    Arrays.fill(body, (byte) 7);
    hosts.on(DOWNLOADS, "/exact", Reply.of(200, body, "application/pdf").chunked());

    MediaBytes media =
        fetched(
            center.fetchAttachment(
                ConnectionId.DEFAULT, image("http://" + DOWNLOADS + "/exact"), 100_000));

    assertThat(media.content()).isEqualTo(body);
  }

  @Test
  void a_streamed_body_one_byte_over_the_limit_is_unavailable() {
    hosts.on(DOWNLOADS, "/over", Reply.of(200, new byte[100_001], "application/pdf").chunked());

    assertThat(
            center.fetchAttachment(
                ConnectionId.DEFAULT, image("http://" + DOWNLOADS + "/over"), 100_000))
        .isInstanceOf(FetchOutcome.Unavailable.class);
  }

  // ------------------------------------------------------------------ outcomes

  @ParameterizedTest
  @ValueSource(ints = {404, 410})
  void a_download_that_is_gone_is_unavailable(int status) {
    hosts.on(DOWNLOADS, "/gone", Reply.status(status));

    FetchOutcome outcome =
        center.fetchAttachment(ConnectionId.DEFAULT, image("http://" + DOWNLOADS + "/gone"), 1000);

    assertThat(outcome).isInstanceOf(FetchOutcome.Unavailable.class);
    assertThat(((FetchOutcome.Unavailable) outcome).failure().message()).contains("" + status);
  }

  @Test
  void a_forbidden_download_is_unavailable() {
    hosts.on(DOWNLOADS, "/expired", Reply.status(403));

    assertThat(
            center.fetchAttachment(
                ConnectionId.DEFAULT, image("http://" + DOWNLOADS + "/expired"), 1000))
        .isInstanceOf(FetchOutcome.Unavailable.class);
  }

  @Test
  void a_503_is_retried_after_its_retry_after() {
    hosts.on(DOWNLOADS, "/busy", Reply.status(503).withHeader("Retry-After", "7"));

    FetchOutcome outcome =
        center.fetchAttachment(ConnectionId.DEFAULT, image("http://" + DOWNLOADS + "/busy"), 1000);

    assertThat(outcome).isInstanceOf(FetchOutcome.RetryLater.class);
    assertThat(((FetchOutcome.RetryLater) outcome).notBefore()).isEqualTo(Duration.ofSeconds(7));
    assertThat(((FetchOutcome.RetryLater) outcome).reason()).contains("503");
  }

  @Test
  void a_429_is_retried_later() {
    hosts.on(DOWNLOADS, "/slow-down", Reply.status(429));

    assertThat(
            center.fetchAttachment(
                ConnectionId.DEFAULT, image("http://" + DOWNLOADS + "/slow-down"), 1000))
        .isInstanceOf(FetchOutcome.RetryLater.class);
  }

  @Test
  void a_download_that_takes_too_long_is_retried_later() {
    GenesysOpenMessagingContactCenter impatient = contactCenter(Duration.ofMillis(500));
    try {
      hosts.on(DOWNLOADS, "/slow", Reply.of(200, PNG, "image/png").after(Duration.ofSeconds(3)));

      FetchOutcome outcome =
          impatient.fetchAttachment(
              ConnectionId.DEFAULT, image("http://" + DOWNLOADS + "/slow"), 1000);

      assertThat(outcome).isInstanceOf(FetchOutcome.RetryLater.class);
    } finally {
      impatient.close();
    }
  }

  @Test
  void without_a_content_type_the_agents_mime_type_is_kept() {
    hosts.on(DOWNLOADS, "/untyped", Reply.of(200, PNG, null));

    assertThat(
            fetched(
                center.fetchAttachment(
                    ConnectionId.DEFAULT, image("http://" + DOWNLOADS + "/untyped"), 1000)))
        .extracting(MediaBytes::mimeType)
        .isEqualTo("image/png");
  }

  // ------------------------------------------------------------------ helpers

  private static OutboundContent.Media image(String url) {
    return new OutboundContent.Media(MediaKind.IMAGE, url, "image/png", "Header.png", null);
  }

  private static MediaBytes fetched(FetchOutcome outcome) {
    assertThat(outcome).isInstanceOf(FetchOutcome.Fetched.class);
    return ((FetchOutcome.Fetched) outcome).media();
  }

  private static byte[] bytes(String hex) {
    byte[] result = new byte[hex.length() / 2];
    for (int i = 0; i < result.length; i++) {
      result[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return result;
  }
}
