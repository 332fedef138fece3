package dev.switchboard.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.pipeline.ChannelSend;
import dev.switchboard.application.pipeline.FetchOutcome;
import dev.switchboard.application.testing.StubHttpServer.Answer;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.customer.ReplyRoute;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.MediaBytes;
import dev.switchboard.domain.message.MediaKind;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Customers' files fetched through {@code getFile} and the file download, against local stubs. */
class TelegramFileFetchTest {

  private static final JsonMapper JSON = JsonMapper.createDefault();
  private static final String TOKEN = TestBots.SUPPORT_TOKEN;
  private static final String TOKEN_SECRET_PART = TOKEN.substring(TOKEN.indexOf(':') + 1);
  private static final long IMAGE_LIMIT =
      TelegramBotApiMessagingChannel.CAPABILITIES.mediaLimit(MediaKind.IMAGE).getAsLong();
  private static final String PHOTO_ID = "AgACAgIAAxkBAAIFVmhGbH0AAQ-large";
  private static final byte[] PNG =
      "\u0089PNG\r\n\u001a\n-the-largest-photo".getBytes(StandardCharsets.ISO_8859_1);
  private static final InboundContent.Media PHOTO =
      new InboundContent.Media(MediaKind.IMAGE, PHOTO_ID, "image/jpeg", null, null, "my receipt");

  private StubBotApi bot;
  private TelegramBotApiMessagingChannel channel;

  @BeforeEach
  void start() {
    bot = new StubBotApi().file(PHOTO_ID, "photos/file_2.png", PNG);
    channel = channel(TelegramSettings.at(bot.url()));
  }

  @AfterEach
  void stop() {
    channel.close();
    bot.close();
  }

  @Test
  void a_file_is_looked_up_with_get_file_then_downloaded_from_its_path() {
    FetchOutcome outcome = channel.fetchMedia(TestBots.SUPPORT, PHOTO, IMAGE_LIMIT);

    MediaBytes media = fetched(outcome);
    assertThat(media.content()).isEqualTo(PNG);
    assertThat(media.mimeType()).isEqualTo("image/jpeg");
    assertThat(media.filename()).isNull();
    assertThat(bot.requests())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly(
            "POST /bot" + TOKEN + "/getFile", "GET /file/bot" + TOKEN + "/photos/file_2.png");
    assertThat(bot.calls("getFile").get(0).text()).isEqualTo("{\"file_id\":\"" + PHOTO_ID + "\"}");
  }

  @Test
  void a_document_keeps_the_media_type_and_file_name_its_message_stated() {
    bot.file("BQACAgQAAxkBAAIFWGhGbNMAAZ1-doc", "documents/file_7.pdf", "%PDF".getBytes());
    InboundContent.Media document =
        new InboundContent.Media(
            MediaKind.DOCUMENT,
            "BQACAgQAAxkBAAIFWGhGbNMAAZ1-doc",
            "application/pdf",
            null,
            "Invoice 2025-06.pdf",
            null);

    MediaBytes media = fetched(channel.fetchMedia(TestBots.SUPPORT, document, 1_000_000));

    assertThat(media.mimeType()).isEqualTo("application/pdf");
    assertThat(media.filename()).isEqualTo("Invoice 2025-06.pdf");
  }

  @Test
  void a_file_path_is_downloaded_with_each_segment_encoded() {
    bot.file("odd", "documents/file 8 (1).pdf", "%PDF".getBytes());
    InboundContent.Media document =
        new InboundContent.Media(MediaKind.DOCUMENT, "odd", "application/pdf", null, null, null);

    fetched(channel.fetchMedia(TestBots.SUPPORT, document, 1_000_000));

    assertThat(bot.downloads())
        .singleElement()
        .satisfies(r -> assertThat(r.path()).endsWith("/documents/file 8 (1).pdf"));
  }

  @Test
  void a_file_larger_than_the_limit_by_its_stated_size_is_not_downloaded() {
    bot.answerNext(
        "getFile",
        Answer.json(
            200,
            "{\"ok\":true,\"result\":{\"file_id\":\"x\",\"file_size\":"
                + (11L * 1024 * 1024)
                + ",\"file_path\":\"photos/file_2.png\"}}"));

    FetchOutcome outcome = channel.fetchMedia(TestBots.SUPPORT, PHOTO, IMAGE_LIMIT);

    assertThat(unavailable(outcome))
        .isEqualTo(
            new DeliveryFailure(
                FailureReason.INVALID_MEDIA_CONTENT_LENGTH, "the image is larger than 10 MB"));
    assertThat(bot.downloads()).isEmpty();
  }

  @Test
  void a_stated_size_of_three_gigabytes_is_too_large_without_a_download() {
    bot.answerNext(
        "getFile",
        Answer.json(
            200,
            "{\"ok\":true,\"result\":{\"file_id\":\"x\",\"file_size\":3000000000,"
                + "\"file_path\":\"videos/file_9.mp4\"}}"));
    InboundContent.Media video =
        new InboundContent.Media(MediaKind.VIDEO, "x", "video/mp4", null, null, null);

    assertThat(unavailable(channel.fetchMedia(TestBots.SUPPORT, video, 20L * 1024 * 1024)))
        .isEqualTo(
            new DeliveryFailure(
                FailureReason.INVALID_MEDIA_CONTENT_LENGTH, "the video is larger than 20 MB"));
    assertThat(bot.downloads()).isEmpty();
  }

  @Test
  void a_file_the_bot_api_will_not_hand_a_bot_is_too_large() {
    bot.answerNext("getFile", StubBotApi.error(400, "Bad Request: file is too big"));

    DeliveryFailure failure = unavailable(channel.fetchMedia(TestBots.SUPPORT, PHOTO, IMAGE_LIMIT));

    assertThat(failure.reason()).isEqualTo(FailureReason.INVALID_MEDIA_CONTENT_LENGTH);
    assertThat(failure.message()).startsWith("the image is larger than 20 MB");
  }

  @Test
  void a_body_longer_than_the_limit_is_refused_whatever_the_stated_size() {
    bot.answerNext(
        "getFile",
        Answer.json(
            200,
            "{\"ok\":true,\"result\":{\"file_id\":\"x\",\"file_size\":10,"
                + "\"file_path\":\"photos/file_2.png\"}}"));
    bot.answerNextDownload(Answer.bytes(200, new byte[2000], "application/octet-stream"));

    FetchOutcome outcome = channel.fetchMedia(TestBots.SUPPORT, PHOTO, 1000);

    assertThat(unavailable(outcome))
        .isEqualTo(
            new DeliveryFailure(
                FailureReason.INVALID_MEDIA_CONTENT_LENGTH, "the image is larger than 1000 bytes"));
  }

  @Test
  void a_streamed_body_is_cut_off_at_the_limit_and_never_read_to_its_end() throws IOException {
    long endless = 256L * 1024 * 1024;
    AtomicLong written = new AtomicLong();
    AtomicBoolean finished = new AtomicBoolean();
    HttpServer streaming = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    streaming.createContext(
        "/bot" + TOKEN + "/getFile",
        exchange -> {
          byte[] answer =
              "{\"ok\":true,\"result\":{\"file_id\":\"v\",\"file_path\":\"videos/file_1.mp4\"}}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    streaming.createContext(
        "/file/",
        exchange -> {
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
    streaming.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    streaming.start();
    TelegramBotApiMessagingChannel streamed =
        channel(TelegramSettings.at("http://127.0.0.1:" + streaming.getAddress().getPort()));
    try {
      InboundContent.Media video =
          new InboundContent.Media(MediaKind.VIDEO, "v", "video/mp4", null, null, null);

      FetchOutcome outcome = streamed.fetchMedia(TestBots.SUPPORT, video, 1024 * 1024);

      assertThat(unavailable(outcome))
          .isEqualTo(
              new DeliveryFailure(
                  FailureReason.INVALID_MEDIA_CONTENT_LENGTH, "the video is larger than 1 MB"));
      assertThat(finished).isFalse();
      assertThat(written.get()).isLessThan(endless);
    } finally {
      streamed.close();
      streaming.stop(0);
    }
  }

  @Test
  void an_empty_file_is_unavailable() {
    bot.file(PHOTO_ID, "photos/empty.png", new byte[0]);

    assertThat(unavailable(channel.fetchMedia(TestBots.SUPPORT, PHOTO, IMAGE_LIMIT)).reason())
        .isEqualTo(FailureReason.INVALID_MEDIA_CONTENT_LENGTH);
  }

  @Test
  void an_unknown_file_id_is_unavailable_without_a_download() {
    InboundContent.Media gone =
        new InboundContent.Media(MediaKind.IMAGE, "no-such-file", "image/jpeg", null, null, null);

    DeliveryFailure failure = unavailable(channel.fetchMedia(TestBots.SUPPORT, gone, IMAGE_LIMIT));

    assertThat(failure.reason()).isEqualTo(FailureReason.GENERAL_ERROR);
    assertThat(failure.message()).contains("invalid file_id");
    assertThat(bot.downloads()).isEmpty();
  }

  @Test
  void a_file_path_that_leaves_the_bots_files_is_not_downloaded() {
    bot.answerNext(
        "getFile",
        Answer.json(
            200, "{\"ok\":true,\"result\":{\"file_id\":\"x\",\"file_path\":\"../../bot/x\"}}"));

    assertThat(unavailable(channel.fetchMedia(TestBots.SUPPORT, PHOTO, IMAGE_LIMIT)).reason())
        .isEqualTo(FailureReason.GENERAL_ERROR);
    assertThat(bot.downloads()).isEmpty();
  }

  @Test
  void a_file_gone_from_its_path_is_unavailable() {
    bot.answerNextDownload(StubBotApi.error(404, "Not Found"));

    assertThat(unavailable(channel.fetchMedia(TestBots.SUPPORT, PHOTO, IMAGE_LIMIT)).reason())
        .isEqualTo(FailureReason.GENERAL_ERROR);
  }

  @Test
  void a_5xx_or_flood_control_while_looking_up_is_retried() {
    bot.answerNext("getFile", StubBotApi.error(502, "Bad Gateway"));
    assertThat(channel.fetchMedia(TestBots.SUPPORT, PHOTO, IMAGE_LIMIT))
        .isInstanceOf(FetchOutcome.RetryLater.class);

    bot.answerNext(
        "getFile",
        Answer.json(
            429,
            "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after"
                + " 4\",\"parameters\":{\"retry_after\":4}}"));
    FetchOutcome outcome = channel.fetchMedia(TestBots.SUPPORT, PHOTO, IMAGE_LIMIT);
    assertThat(((FetchOutcome.RetryLater) outcome).notBefore()).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void a_5xx_while_downloading_is_retried_after_the_wait_it_asks_for() {
    bot.answerNextDownload(Answer.json(503, "").withHeader("Retry-After", "9"));

    FetchOutcome outcome = channel.fetchMedia(TestBots.SUPPORT, PHOTO, IMAGE_LIMIT);

    assertThat(((FetchOutcome.RetryLater) outcome).notBefore()).isEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void a_download_that_does_not_answer_in_time_is_retried() {
    channel.close();
    channel =
        channel(new TelegramSettings(bot.url(), Duration.ofSeconds(2), Duration.ofMillis(400)));
    bot.answerNextDownload(
        Answer.bytes(200, PNG, "application/octet-stream").after(Duration.ofSeconds(3)));

    assertThat(channel.fetchMedia(TestBots.SUPPORT, PHOTO, IMAGE_LIMIT))
        .isInstanceOf(FetchOutcome.RetryLater.class);
  }

  @Test
  void a_connection_without_a_bot_cannot_fetch() {
    assertThat(unavailable(channel.fetchMedia(new ConnectionId("other"), PHOTO, IMAGE_LIMIT)))
        .isEqualTo(
            new DeliveryFailure(
                FailureReason.GENERAL_ERROR, "no Telegram bot is configured for connection other"));
    assertThat(bot.requests()).isEmpty();
  }

  // ---------------------------------------------------------------- the token

  @Test
  void the_bot_token_is_in_no_log_line_and_no_outcome_whatever_fails() throws IOException {
    Logger logger = (Logger) LoggerFactory.getLogger("dev.switchboard");
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    Level level = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    logger.setAdditive(false); // the expected warnings need not fill the build output
    List<Object> outcomes = new ArrayList<>();
    try {
      // refusals whose description repeats the token, as a proxy might
      bot.answerNext("sendMessage", StubBotApi.error(400, "Bad Request: bot" + TOKEN + " said no"));
      outcomes.add(channel.send(textSend()));
      bot.answerNext("sendMessage", StubBotApi.error(403, "Forbidden: " + TOKEN_SECRET_PART));
      outcomes.add(channel.send(textSend()));
      bot.answerNext("sendMessage", StubBotApi.error(401, "Unauthorized"));
      outcomes.add(channel.send(textSend()));
      bot.answerNext(
          "sendMessage", StubBotApi.error(500, "Internal /bot" + TOKEN + "/sendMessage"));
      outcomes.add(channel.send(textSend()));
      bot.answerNext("sendChatAction", StubBotApi.error(429, "Too Many Requests"));
      outcomes.add(channel.showTyping(TestBots.SUPPORT, CustomerId.opaque("1"), null, "x"));
      bot.answerNext("answerCallbackQuery", StubBotApi.error(400, "query is too old"));
      outcomes.add(channel.acknowledge(TestBots.SUPPORT, "1"));
      // fetches that fail at each step
      bot.answerNext("getFile", StubBotApi.error(400, "Bad Request: invalid file_id " + TOKEN));
      outcomes.add(channel.fetchMedia(TestBots.SUPPORT, PHOTO, IMAGE_LIMIT));
      bot.answerNextDownload(StubBotApi.error(404, "Not Found"));
      outcomes.add(channel.fetchMedia(TestBots.SUPPORT, PHOTO, IMAGE_LIMIT));
      bot.answerNextDownload(Answer.json(302, "").withHeader("Location", "http://elsewhere/"));
      outcomes.add(channel.fetchMedia(TestBots.SUPPORT, PHOTO, IMAGE_LIMIT));
      bot.answerNextDownload(Answer.json(500, ""));
      outcomes.add(channel.fetchMedia(TestBots.SUPPORT, PHOTO, IMAGE_LIMIT));
      // a Bot API nobody answers at
      String closed;
      try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
        closed = "http://127.0.0.1:" + socket.getLocalPort();
      }
      try (TelegramBotApiMessagingChannel unreachable = channel(TelegramSettings.at(closed))) {
        outcomes.add(unreachable.send(textSend()));
        outcomes.add(unreachable.fetchMedia(TestBots.SUPPORT, PHOTO, IMAGE_LIMIT));
      }

      assertThat(logs.list).isNotEmpty();
      String logged =
          String.join(
              "\n",
              logs.list.stream()
                  .map(e -> e.getFormattedMessage() + " " + e.getThrowableProxy())
                  .toList());
      String all = logged + "\n" + outcomes;
      assertThat(outcomes).hasSize(12).doesNotContainNull();
      assertThat(all)
          .contains("Bad Request")
          .doesNotContain(TOKEN)
          .doesNotContain(TOKEN_SECRET_PART)
          .doesNotContain("/bot7012345678")
          .doesNotContain("/file/bot");
    } finally {
      logger.setAdditive(true);
      logger.setLevel(level);
      logger.detachAppender(logs);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static ChannelSend textSend() {
    return new ChannelSend(
        TestBots.SUPPORT,
        new OutboundMessage(
            "cc-1", CustomerId.opaque("424242001"), new OutboundContent.Text("hello")),
        new ReplyRoute("424242001"),
        null);
  }

  private static TelegramBotApiMessagingChannel channel(TelegramSettings settings) {
    return new TelegramBotApiMessagingChannel(
        settings, TestBots.both(), JSON, MutableClock.atDefaultStart());
  }

  private static MediaBytes fetched(FetchOutcome outcome) {
    assertThat(outcome).isInstanceOf(FetchOutcome.Fetched.class);
    return ((FetchOutcome.Fetched) outcome).media();
  }

  private static DeliveryFailure unavailable(FetchOutcome outcome) {
    assertThat(outcome).isInstanceOf(FetchOutcome.Unavailable.class);
    return ((FetchOutcome.Unavailable) outcome).failure();
  }
}
