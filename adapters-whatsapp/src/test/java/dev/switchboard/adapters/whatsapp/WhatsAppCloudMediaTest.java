package dev.switchboard.adapters.whatsapp;

import static dev.switchboard.application.testing.StubHttpServer.pathContains;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.application.pipeline.ChannelSend;
import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.FetchOutcome;
import dev.switchboard.application.testing.StubHttpServer;
import dev.switchboard.application.testing.StubHttpServer.Answer;
import dev.switchboard.application.testing.StubHttpServer.Request;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.MediaBytes;
import dev.switchboard.domain.message.MediaKind;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Media uploads, media downloads and typing indicators against local stubs of Meta's servers. */
class WhatsAppCloudMediaTest {

  private static final JsonMapper JSON = JsonMapper.createDefault();
  private static final String TOKEN = TestAccounts.DEFAULT_TOKEN;
  private static final String PHONE_NUMBER_ID = TestAccounts.DEFAULT_NUMBER;
  private static final long IMAGE_LIMIT =
      WhatsAppCloudMessagingChannel.CAPABILITIES.mediaLimit(MediaKind.IMAGE).getAsLong();
  private static final String ACCEPTED = "{\"messages\":[{\"id\":\"wamid.OUT1\"}]}";
  private static final String MEDIA_ID = "1003383421387256";
  private static final String URL_SECRET = "oh=00_AfSecretUrlSignature";
  private static final String PNG = "\u0089PNG-not-really-but-bytes-all-the-same";
  private static final InboundContent.Media IMAGE =
      new InboundContent.Media(MediaKind.IMAGE, MEDIA_ID, "image/jpeg", null, null, "caption");

  private StubHttpServer graph;
  private StubHttpServer lookaside;
  private WhatsAppCloudMessagingChannel channel;
  private volatile String mediaBody = PNG;

  @BeforeEach
  void start() {
    lookaside = new StubHttpServer(request -> bytes(mediaBody, "image/png"));
    graph = new StubHttpServer(request -> metadata(mediaBody.length(), "image/png"));
    channel = channel(Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    channel.close();
    graph.close();
    lookaside.close();
  }

  // ---------------------------------------------------------------- fetch

  @Test
  void media_is_resolved_then_downloaded_with_the_token_both_times() {
    FetchOutcome outcome = channel.fetchMedia(ConnectionId.DEFAULT, IMAGE, IMAGE_LIMIT);

    MediaBytes media = fetched(outcome);
    assertThat(new String(media.content(), StandardCharsets.UTF_8)).isEqualTo(PNG);
    assertThat(media.mimeType()).isEqualTo("image/png");
    assertThat(media.filename()).isNull();
    assertThat(graph.requests())
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.method()).isEqualTo("GET");
              assertThat(request.path()).isEqualTo("/v26.0/" + MEDIA_ID);
              assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            });
    assertThat(lookaside.requests())
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.method()).isEqualTo("GET");
              assertThat(request.path()).isEqualTo("/lookaside/" + MEDIA_ID);
              assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            });
  }

  @Test
  void without_a_stated_mime_type_the_download_and_then_the_message_say_what_it_is() {
    graph.answerNext(pathContains(MEDIA_ID), metadata(PNG.length(), null));

    assertThat(fetched(channel.fetchMedia(ConnectionId.DEFAULT, IMAGE, 1_000_000)).mimeType())
        .isEqualTo("image/png");
  }

  @Test
  void media_larger_than_the_limit_by_its_stated_size_is_not_downloaded() {
    graph.answerNext(pathContains(MEDIA_ID), metadata(6 * 1024 * 1024, "image/jpeg"));

    FetchOutcome outcome = channel.fetchMedia(ConnectionId.DEFAULT, IMAGE, IMAGE_LIMIT);

    assertThat(unavailable(outcome))
        .isEqualTo(
            new DeliveryFailure(
                FailureReason.INVALID_MEDIA_CONTENT_LENGTH, "the image is larger than 5 MB"));
    assertThat(lookaside.requests()).isEmpty();
  }

  @Test
  void a_body_longer_than_the_limit_is_refused_whatever_the_stated_size() {
    mediaBody = "x".repeat(2000);
    graph.answerNext(pathContains(MEDIA_ID), metadata(10, "image/jpeg"));

    FetchOutcome outcome = channel.fetchMedia(ConnectionId.DEFAULT, IMAGE, 1000);

    assertThat(unavailable(outcome).reason()).isEqualTo(FailureReason.INVALID_MEDIA_CONTENT_LENGTH);
    assertThat(unavailable(outcome).message()).isEqualTo("the image is larger than 1000 bytes");
  }

  @Test
  void a_streamed_body_is_cut_off_at_the_limit_and_never_read_to_its_end() throws IOException {
    long endless = 256L * 1024 * 1024;
    AtomicLong written = new AtomicLong();
    AtomicBoolean finished = new AtomicBoolean();
    HttpServer streaming = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    streaming.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "video/mp4");
          exchange.sendResponseHeaders(200, 0); // chunked: no length stated
          byte[] chunk = new byte[64 * 1024];
          try (OutputStream out = exchange.getResponseBody()) {
            while (written.get() < endless) {
              out.write(chunk);
              written.addAndGet(chunk.length);
            }
            finished.set(true);
          } catch (IOException clientGone) {
            // what the test expects: the client hung up
          }
        });
    streaming.start();
    try {
      String url = "http://127.0.0.1:" + streaming.getAddress().getPort() + "/video";
      graph.answerNext(pathContains(MEDIA_ID), metadataAt(url, 1024, "video/mp4"));
      InboundContent.Media video =
          new InboundContent.Media(MediaKind.VIDEO, MEDIA_ID, "video/mp4", null, null, null);

      FetchOutcome outcome = channel.fetchMedia(ConnectionId.DEFAULT, video, 1024 * 1024);

      assertThat(unavailable(outcome))
          .isEqualTo(
              new DeliveryFailure(
                  FailureReason.INVALID_MEDIA_CONTENT_LENGTH, "the video is larger than 1 MB"));
      assertThat(finished).isFalse();
      assertThat(written.get()).isLessThan(endless);
    } finally {
      streaming.stop(0);
    }
  }

  @Test
  void an_expired_url_is_resolved_again_once_and_its_new_url_downloaded() {
    lookaside.answerNext(pathContains("/lookaside/"), Answer.json(404, "{\"error\":\"expired\"}"));

    FetchOutcome outcome = channel.fetchMedia(ConnectionId.DEFAULT, IMAGE, 1_000_000);

    assertThat(new String(fetched(outcome).content(), StandardCharsets.UTF_8)).isEqualTo(PNG);
    assertThat(graph.requests()).hasSize(2);
    assertThat(lookaside.requests()).hasSize(2);
  }

  @Test
  void a_url_that_stays_unusable_is_resolved_again_only_once() {
    lookaside.answerAll(pathContains("/lookaside/"), Answer.json(401, ""));

    FetchOutcome outcome = channel.fetchMedia(ConnectionId.DEFAULT, IMAGE, 1_000_000);

    assertThat(unavailable(outcome))
        .isEqualTo(
            new DeliveryFailure(FailureReason.GENERAL_ERROR, "the media is no longer available"));
    assertThat(graph.requests()).hasSize(2);
    assertThat(lookaside.requests()).hasSize(2);
  }

  @Test
  void an_unknown_media_id_is_unavailable_without_a_download() {
    graph.answerNext(
        pathContains(MEDIA_ID),
        Answer.json(
            400,
            "{\"error\":{\"message\":\"Unsupported get request.\",\"type\":\"GraphMethodException\","
                + "\"code\":100,\"fbtrace_id\":\"Ax\"}}"));

    FetchOutcome outcome = channel.fetchMedia(ConnectionId.DEFAULT, IMAGE, 1_000_000);

    assertThat(unavailable(outcome))
        .isEqualTo(
            new DeliveryFailure(FailureReason.GENERAL_ERROR, "the media is no longer available"));
    assertThat(lookaside.requests()).isEmpty();
  }

  @Test
  void a_5xx_while_resolving_is_retried() {
    graph.answerNext(pathContains(MEDIA_ID), Answer.json(503, ""));

    assertThat(channel.fetchMedia(ConnectionId.DEFAULT, IMAGE, 1_000_000))
        .isInstanceOf(FetchOutcome.RetryLater.class);
  }

  @Test
  void a_retryable_graph_code_while_resolving_is_retried() {
    graph.answerNext(
        pathContains(MEDIA_ID),
        Answer.json(400, "{\"error\":{\"code\":131016,\"message\":\"x\"}}"));

    assertThat(channel.fetchMedia(ConnectionId.DEFAULT, IMAGE, 1_000_000))
        .isInstanceOf(FetchOutcome.RetryLater.class);
  }

  @Test
  void a_5xx_while_downloading_is_retried() {
    lookaside.answerNext(pathContains("/lookaside/"), Answer.json(500, ""));

    FetchOutcome outcome = channel.fetchMedia(ConnectionId.DEFAULT, IMAGE, 1_000_000);

    assertThat(outcome).isInstanceOf(FetchOutcome.RetryLater.class);
    assertThat(graph.requests()).hasSize(1);
  }

  @Test
  void a_429_while_downloading_is_retried_after_the_wait_it_asks_for() {
    lookaside.answerNext(
        pathContains("/lookaside/"), Answer.json(429, "").withHeader("Retry-After", "9"));

    FetchOutcome outcome = channel.fetchMedia(ConnectionId.DEFAULT, IMAGE, 1_000_000);

    assertThat(((FetchOutcome.RetryLater) outcome).notBefore()).isEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void a_download_that_does_not_answer_in_time_is_retried() {
    channel.close();
    channel = channel(Duration.ofMillis(400));
    lookaside.answerNext(
        pathContains("/lookaside/"), bytes(PNG, "image/png").after(Duration.ofSeconds(3)));

    FetchOutcome outcome = channel.fetchMedia(ConnectionId.DEFAULT, IMAGE, 1_000_000);

    assertThat(outcome).isInstanceOf(FetchOutcome.RetryLater.class);
  }

  @Test
  void a_download_that_stalls_half_way_is_retried() throws IOException {
    channel.close();
    channel = channel(Duration.ofMillis(500));
    HttpServer stalling = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stalling.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, 100);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(new byte[10]);
            out.flush();
            Thread.sleep(10_000);
          } catch (IOException | InterruptedException clientGone) {
            // the client gave up, as expected
          }
        });
    stalling.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    stalling.start();
    try {
      String url = "http://127.0.0.1:" + stalling.getAddress().getPort() + "/stalls";
      graph.answerNext(pathContains(MEDIA_ID), metadataAt(url, 100, "image/png"));
      long started = System.nanoTime();

      FetchOutcome outcome = channel.fetchMedia(ConnectionId.DEFAULT, IMAGE, 1_000_000);

      assertThat(outcome).isInstanceOf(FetchOutcome.RetryLater.class);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
    } finally {
      stalling.stop(0);
    }
  }

  @Test
  void an_unreachable_media_host_is_retried() throws IOException {
    String closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = "http://127.0.0.1:" + socket.getLocalPort() + "/lookaside/x";
    }
    graph.answerNext(pathContains(MEDIA_ID), metadataAt(closed, 10, "image/png"));

    assertThat(channel.fetchMedia(ConnectionId.DEFAULT, IMAGE, 1_000_000))
        .isInstanceOf(FetchOutcome.RetryLater.class);
  }

  @Test
  void an_empty_body_is_unavailable() {
    mediaBody = "";

    FetchOutcome outcome = channel.fetchMedia(ConnectionId.DEFAULT, IMAGE, 1_000_000);

    assertThat(unavailable(outcome).reason()).isEqualTo(FailureReason.INVALID_MEDIA_CONTENT_LENGTH);
  }

  @Test
  void neither_the_token_nor_the_media_url_query_is_logged() {
    Logger logger = (Logger) LoggerFactory.getLogger("dev.switchboard.adapters.whatsapp");
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    Level level = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    try {
      lookaside.answerAll(pathContains("/lookaside/"), Answer.json(403, ""));
      FetchOutcome gone = channel.fetchMedia(ConnectionId.DEFAULT, IMAGE, 1_000_000);
      lookaside.answerAll(pathContains("/lookaside/"), Answer.json(302, ""));
      FetchOutcome moved = channel.fetchMedia(ConnectionId.DEFAULT, IMAGE, 1_000_000);

      assertThat(logs.list).isNotEmpty();
      String logged =
          String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
      assertThat(logged).contains("resolving the media again");
      assertThat(logged + gone + moved).doesNotContain(URL_SECRET).doesNotContain(TOKEN);
    } finally {
      logger.setLevel(level);
      logger.detachAppender(logs);
    }
  }

  @Test
  void each_connection_fetches_with_its_own_token() {
    FetchOutcome outcome = channel.fetchMedia(TestAccounts.SECOND, IMAGE, 1_000_000);

    assertThat(new String(fetched(outcome).content(), StandardCharsets.UTF_8)).isEqualTo(PNG);
    assertThat(graph.requests())
        .singleElement()
        .satisfies(
            request ->
                assertThat(request.header("Authorization"))
                    .isEqualTo("Bearer " + TestAccounts.SECOND_TOKEN));
    assertThat(lookaside.requests())
        .singleElement()
        .satisfies(
            request ->
                assertThat(request.header("Authorization"))
                    .isEqualTo("Bearer " + TestAccounts.SECOND_TOKEN));
  }

  @Test
  void media_of_a_connection_without_a_number_is_unavailable_without_a_call() {
    FetchOutcome outcome = channel.fetchMedia(new ConnectionId("nowhere"), IMAGE, 1_000_000);

    assertThat(unavailable(outcome).message()).contains("nowhere");
    assertThat(graph.requests()).isEmpty();
    assertThat(lookaside.requests()).isEmpty();
  }

  // ---------------------------------------------------------------- upload

  @Test
  void an_attachment_is_uploaded_as_a_multipart_form_then_sent_by_the_id_it_got()
      throws IOException {
    graph.answerNext(pathContains("/media"), Answer.json(200, "{\"id\":\"1045792\"}"));
    graph.answerNext(pathContains("/messages"), Answer.json(200, ACCEPTED));
    byte[] content = "%PDF-1.4 tiny".getBytes(StandardCharsets.US_ASCII);

    DispatchOutcome outcome =
        channel.send(
            document(
                ConnectionId.DEFAULT, new MediaBytes(content, "application/pdf", "invoice.pdf")));

    assertThat(outcome).isEqualTo(new DispatchOutcome.Done(List.of("wamid.OUT1")));
    assertThat(graph.requests()).hasSize(2);
    Request request = graph.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v26.0/" + PHONE_NUMBER_ID + "/media");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    Map<String, Part> parts = multipart(request);
    assertThat(parts).containsOnlyKeys("messaging_product", "type", "file");
    assertThat(parts.get("messaging_product").text()).isEqualTo("whatsapp");
    assertThat(parts.get("type").text()).isEqualTo("application/pdf");
    Part file = parts.get("file");
    assertThat(file.filename()).isEqualTo("invoice.pdf");
    assertThat(file.contentType()).startsWith("application/pdf");
    assertThat(file.content()).isEqualTo(content);
    Request send = graph.requests().get(1);
    assertThat(send.path()).isEqualTo("/v26.0/" + PHONE_NUMBER_ID + "/messages");
    assertThat(send.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(JSON.readValue(send.body(), Argument.mapOf(String.class, Object.class)))
        .containsEntry("type", "document")
        .containsEntry("document", Map.of("id", "1045792", "filename", "invoice.pdf"));
  }

  @Test
  void an_upload_for_another_connection_goes_to_its_number_and_a_file_without_name_gets_one() {
    graph.answerNext(pathContains("/media"), Answer.json(200, "{\"id\":\"9\"}"));
    graph.answerNext(pathContains("/messages"), Answer.json(200, ACCEPTED));

    channel.send(
        document(TestAccounts.SECOND, new MediaBytes(new byte[] {1, 2, 3}, "image/png", null)));

    assertThat(graph.requests())
        .extracting(Request::path, r -> r.header("Authorization"))
        .containsExactly(
            tuple(
                "/v26.0/" + TestAccounts.SECOND_NUMBER + "/media",
                "Bearer " + TestAccounts.SECOND_TOKEN),
            tuple(
                "/v26.0/" + TestAccounts.SECOND_NUMBER + "/messages",
                "Bearer " + TestAccounts.SECOND_TOKEN));
    assertThat(multipart(graph.requests().get(0)).get("file").filename()).isNotBlank();
  }

  @Test
  void upload_failures_are_retried_or_refused_like_sends_and_nothing_is_sent() {
    MediaBytes bytes = new MediaBytes(new byte[] {1}, "image/png", null);
    graph.answerNext(pathContains("/media"), Answer.json(503, ""));
    assertThat(channel.send(document(ConnectionId.DEFAULT, bytes)))
        .isInstanceOf(DispatchOutcome.RetryLater.class);

    graph.answerNext(
        pathContains("/media"),
        Answer.json(400, "{\"error\":{\"code\":131053,\"message\":\"Media upload error\"}}"));
    DispatchOutcome refused = channel.send(document(ConnectionId.DEFAULT, bytes));
    assertThat(refused).isInstanceOf(DispatchOutcome.Refused.class);
    assertThat(((DispatchOutcome.Refused) refused).failure().message()).contains("131053");

    graph.answerNext(pathContains("/media"), Answer.json(200, "{}"));
    DispatchOutcome withoutId = channel.send(document(ConnectionId.DEFAULT, bytes));
    assertThat(withoutId).isInstanceOf(DispatchOutcome.RetryLater.class);
    assertThat(((DispatchOutcome.RetryLater) withoutId).reason()).contains("no media id");

    assertThat(graph.requests())
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.path()).endsWith("/media"));
  }

  @Test
  void an_attachment_of_a_connection_without_a_number_is_neither_uploaded_nor_sent() {
    DispatchOutcome outcome =
        channel.send(
            document(
                new ConnectionId("nowhere"), new MediaBytes(new byte[] {1}, "image/png", null)));

    assertThat(outcome).isInstanceOf(DispatchOutcome.Refused.class);
    assertThat(graph.requests()).isEmpty();
  }

  // ---------------------------------------------------------------- typing

  @Test
  void a_typing_indicator_marks_the_customers_message_read_with_a_text_indicator()
      throws IOException {
    graph.answerNext(pathContains("/messages"), Answer.json(200, "{\"success\":true}"));

    DispatchOutcome outcome = typing(ConnectionId.DEFAULT, "wamid.IN1");

    assertThat(outcome).isEqualTo(DispatchOutcome.Done.withoutIds());
    Request request = graph.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v26.0/" + PHONE_NUMBER_ID + "/messages");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(JSON.readValue(request.body(), Argument.mapOf(String.class, Object.class)))
        .isEqualTo(
            Map.of(
                "messaging_product", "whatsapp",
                "status", "read",
                "message_id", "wamid.IN1",
                "typing_indicator", Map.of("type", "text")));
  }

  @Test
  void a_typing_indicator_of_another_connection_goes_from_its_number_with_its_token() {
    graph.answerNext(pathContains("/messages"), Answer.json(200, "{\"success\":true}"));

    assertThat(typing(TestAccounts.SECOND, "wamid.IN2"))
        .isEqualTo(DispatchOutcome.Done.withoutIds());

    Request request = graph.requests().get(0);
    assertThat(request.path()).isEqualTo("/v26.0/" + TestAccounts.SECOND_NUMBER + "/messages");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + TestAccounts.SECOND_TOKEN);
  }

  @Test
  void a_typing_indicator_of_a_connection_without_a_number_is_refused_without_a_call() {
    assertThat(typing(new ConnectionId("nowhere"), "wamid.IN1"))
        .isInstanceOf(DispatchOutcome.Refused.class);
    assertThat(graph.requests()).isEmpty();
  }

  @Test
  void typing_failures_are_retried_or_refused_like_sends() {
    graph.answerNext(pathContains("/messages"), Answer.json(500, ""));
    assertThat(typing(ConnectionId.DEFAULT, "wamid.IN1"))
        .isInstanceOf(DispatchOutcome.RetryLater.class);

    graph.answerNext(
        pathContains("/messages"),
        Answer.json(400, "{\"error\":{\"code\":100,\"message\":\"(#100) Invalid parameter\"}}"));
    assertThat(typing(ConnectionId.DEFAULT, "wamid.GONE"))
        .isInstanceOf(DispatchOutcome.Refused.class);
  }

  // ---------------------------------------------------------------- helpers

  private WhatsAppCloudMessagingChannel channel(Duration readTimeout) {
    return new WhatsAppCloudMessagingChannel(
        new WhatsAppSettings(
            "secret",
            "verify",
            null,
            null,
            graph.url(),
            "v26.0",
            Duration.ofSeconds(2),
            readTimeout),
        TestAccounts.both(),
        JSON);
  }

  /** A document with {@code bytes} for the customer, sent on {@code connection}. */
  private static ChannelSend document(ConnectionId connection, MediaBytes bytes) {
    OutboundContent.Media document =
        new OutboundContent.Media(
            MediaKind.DOCUMENT,
            "https://api-downloads.mypurecloud.com/x/invoice.pdf",
            bytes.mimeType(),
            bytes.filename(),
            null);
    return new ChannelSend(
        connection,
        new OutboundMessage("genesys-1", CustomerId.phone("+16505551234"), document),
        null,
        bytes);
  }

  private DispatchOutcome typing(ConnectionId connection, String customerMessageId) {
    return channel.showTyping(
        connection, CustomerId.phone("+16505551234"), null, customerMessageId);
  }

  private Answer metadata(long size, String mimeType) {
    return metadataAt(
        lookaside.url() + "/lookaside/" + MEDIA_ID + "?ext=1700000000&" + URL_SECRET,
        size,
        mimeType);
  }

  private static Answer metadataAt(String url, long size, String mimeType) {
    return Answer.json(
        200,
        "{\"messaging_product\":\"whatsapp\",\"url\":\""
            + url
            + "\","
            + (mimeType == null ? "" : "\"mime_type\":\"" + mimeType + "\",")
            + "\"sha256\":\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\","
            + "\"file_size\":"
            + size
            + ",\"id\":\""
            + MEDIA_ID
            + "\"}");
  }

  private static Answer bytes(String body, String contentType) {
    return Answer.json(200, body).withHeader("Content-Type", contentType);
  }

  private static MediaBytes fetched(FetchOutcome outcome) {
    assertThat(outcome).isInstanceOf(FetchOutcome.Fetched.class);
    return ((FetchOutcome.Fetched) outcome).media();
  }

  private static DeliveryFailure unavailable(FetchOutcome outcome) {
    assertThat(outcome).isInstanceOf(FetchOutcome.Unavailable.class);
    return ((FetchOutcome.Unavailable) outcome).failure();
  }

  /** One part of a multipart/form-data body. */
  private record Part(String filename, String contentType, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  /** The parts of a multipart/form-data request, by name (RFC 7578). */
  private static Map<String, Part> multipart(Request request) {
    String contentType = request.header("Content-Type");
    assertThat(contentType).startsWith("multipart/form-data");
    Matcher boundary = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
    assertThat(boundary.find()).isTrue();
    // ISO-8859-1 maps every byte to one char and back: the parts' bytes survive the split
    String body = new String(request.body(), StandardCharsets.ISO_8859_1);
    String delimiter = "--" + boundary.group(1);
    assertThat(body.strip()).endsWith(delimiter + "--");
    Map<String, Part> parts = new LinkedHashMap<>();
    for (String section : body.split(Pattern.quote(delimiter))) {
      if (!section.startsWith("\r\n")) {
        continue; // the preamble, or the closing "--"
      }
      int headersEnd = section.indexOf("\r\n\r\n");
      String headers = section.substring(2, headersEnd);
      String content = section.substring(headersEnd + 4, section.length() - 2);
      Matcher name =
          Pattern.compile("(?i)content-disposition:.*?\\bname=\"([^\"]*)\"").matcher(headers);
      assertThat(name.find()).as("a part without a name: %s", headers).isTrue();
      Matcher filename = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
      Matcher type = Pattern.compile("(?i)content-type:\\s*([^\\r\\n]+)").matcher(headers);
      parts.put(
          name.group(1),
          new Part(
              filename.find() ? filename.group(1) : null,
              type.find() ? type.group(1).strip() : null,
              content.getBytes(StandardCharsets.ISO_8859_1)));
    }
    return parts;
  }
}
