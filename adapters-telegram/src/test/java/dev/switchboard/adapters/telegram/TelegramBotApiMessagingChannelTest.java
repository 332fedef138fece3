package dev.switchboard.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.ChannelSend;
import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.testing.StubHttpServer.Answer;
import dev.switchboard.application.testing.StubHttpServer.Request;
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
import dev.switchboard.domain.message.QuickReply;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sends, chat actions and answers to taps against a local stub of the Bot API. */
class TelegramBotApiMessagingChannelTest {

  private static final JsonMapper JSON = JsonMapper.createDefault();
  private static final String CHAT = String.valueOf(StubBotApi.CHAT);
  private static final CustomerId ADA = CustomerId.opaque(CHAT);
  private static final ReplyRoute ROUTE = new ReplyRoute(CHAT);
  private static final String BOT_PATH = "/bot" + TestBots.SUPPORT_TOKEN + "/";
  private static final byte[] PNG =
      "\u0089PNG\r\n\u001a\n-not-really-but-bytes".getBytes(StandardCharsets.ISO_8859_1);

  private StubBotApi bot;
  private TelegramBotApiMessagingChannel channel;

  @BeforeEach
  void start() {
    bot = new StubBotApi();
    channel = channel(TelegramSettings.at(bot.url()));
  }

  @AfterEach
  void stop() {
    channel.close();
    bot.close();
  }

  // ---------------------------------------------------------------- what it is

  @Test
  void the_channel_is_telegram_with_a_bots_limits_and_no_window_templates_or_reports() {
    assertThat(channel.channel().value()).isEqualTo("telegram");
    assertThat(channel.capabilities()).isSameAs(TelegramBotApiMessagingChannel.CAPABILITIES);
    var capabilities = channel.capabilities();
    assertThat(capabilities.textLimit()).isEqualTo(4096);
    assertThat(capabilities.captionLimit()).isEqualTo(1024);
    assertThat(capabilities.maxTappableOptions()).isEqualTo(100);
    assertThat(capabilities.mediaLimit(MediaKind.IMAGE)).hasValue(10L * 1024 * 1024);
    for (MediaKind kind :
        List.of(MediaKind.VIDEO, MediaKind.AUDIO, MediaKind.DOCUMENT, MediaKind.STICKER)) {
      assertThat(capabilities.mediaLimit(kind)).as(kind.name()).hasValue(20L * 1024 * 1024);
    }
    assertThat(capabilities.hasServiceWindow()).isFalse();
    assertThat(capabilities.templates()).isFalse();
    assertThat(capabilities.reportsDelivery()).isFalse();
  }

  // ---------------------------------------------------------------- text

  @Test
  void a_text_is_sent_with_send_message_to_the_chat_of_the_route_as_plain_text() {
    DispatchOutcome outcome = channel.send(send(new OutboundContent.Text("Hello *Ada* <b>")));

    assertThat(outcome).isEqualTo(new DispatchOutcome.Done(List.of("tg:424242001:5001")));
    Request request = single(bot.requests());
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(BOT_PATH + "sendMessage");
    assertThat(request.header("Content-Type")).startsWith("application/json");
    assertThat(json(request)).isEqualTo(Map.of("chat_id", CHAT, "text", "Hello *Ada* <b>"));
  }

  @Test
  void without_a_route_the_chat_is_the_customers_own() {
    ChannelSend send =
        new ChannelSend(
            TestBots.SUPPORT,
            new OutboundMessage("cc-1", CustomerId.opaque("424242002"), text("hi")),
            null,
            null);

    channel.send(send);

    assertThat(json(single(bot.requests()))).containsEntry("chat_id", "424242002");
  }

  @Test
  void the_route_wins_over_the_customers_id() {
    ChannelSend send =
        new ChannelSend(
            TestBots.SUPPORT,
            new OutboundMessage("cc-1", CustomerId.opaque("424242002"), text("hi")),
            new ReplyRoute("424242003"),
            null);

    channel.send(send);

    assertThat(json(single(bot.requests()))).containsEntry("chat_id", "424242003");
  }

  @Test
  void the_key_of_a_sent_message_is_the_key_a_tap_on_it_names() {
    DispatchOutcome.Done done = (DispatchOutcome.Done) channel.send(send(text("Shall we?")));
    TelegramWebhookDecoder decoder =
        new TelegramWebhookDecoder(JSON, MutableClock.atDefaultStart());

    ChannelEvent tap =
        decoder
            .decode(
                WebhookSource.of("telegram", TestBots.SUPPORT),
                Fixtures.telegram("callback_query.json"))
            .events()
            .get(0);

    InboundContent.ReplyTap content =
        (InboundContent.ReplyTap) ((ChannelEvent.CustomerMessage) tap).message().content();
    assertThat(done.remoteIds()).containsExactly(content.inReplyTo());
  }

  @Test
  void an_accepted_send_without_a_message_id_is_done_without_ids() {
    bot.answerNext("sendMessage", Answer.json(200, "{\"ok\":true,\"result\":true}"));

    assertThat(channel.send(send(text("hi")))).isEqualTo(DispatchOutcome.Done.withoutIds());
  }

  @Test
  void a_blank_text_is_refused_without_a_call() {
    DispatchOutcome outcome = channel.send(send(text("  ")));

    assertThat(refusal(outcome).reason()).isEqualTo(FailureReason.INVALID_MESSAGE_STRUCTURE);
    assertThat(bot.requests()).isEmpty();
  }

  // ---------------------------------------------------------------- quick replies

  @Test
  void quick_replies_are_an_inline_keyboard_one_button_per_row_sending_back_the_option_id() {
    OutboundContent.QuickReplies offer =
        new OutboundContent.QuickReplies(
            "Shall we call you?",
            List.of(
                new QuickReply("Yes please", "call-yes"),
                new QuickReply("No thanks", "call-no"),
                new QuickReply("Maybe \ud83e\udd14", "call-maybe")));

    DispatchOutcome outcome = channel.send(send(offer));

    assertThat(outcome).isEqualTo(new DispatchOutcome.Done(List.of("tg:424242001:5001")));
    Request request = single(bot.requests());
    assertThat(request.path()).isEqualTo(BOT_PATH + "sendMessage");
    assertThat(json(request))
        .isEqualTo(
            Map.of(
                "chat_id",
                CHAT,
                "text",
                "Shall we call you?",
                "reply_markup",
                Map.of(
                    "inline_keyboard",
                    List.of(
                        List.of(Map.of("text", "Yes please", "callback_data", "qr-0")),
                        List.of(Map.of("text", "No thanks", "callback_data", "qr-1")),
                        List.of(Map.of("text", "Maybe \ud83e\udd14", "callback_data", "qr-2"))))));
    assertThat(offer.option("qr-1")).contains(new QuickReply("No thanks", "call-no"));
  }

  @Test
  void quick_replies_without_a_question_ask_to_choose() {
    channel.send(send(new OutboundContent.QuickReplies(" ", List.of(new QuickReply("Yes", "y")))));

    assertThat(json(single(bot.requests()))).containsEntry("text", "Please choose");
  }

  @Test
  void a_hundred_options_fit_in_one_keyboard() {
    List<QuickReply> options =
        java.util.stream.IntStream.range(0, 100)
            .mapToObj(i -> new QuickReply("Option " + i, "p" + i))
            .toList();

    channel.send(send(new OutboundContent.QuickReplies("Pick", options)));

    @SuppressWarnings("unchecked")
    List<List<Map<String, Object>>> rows =
        (List<List<Map<String, Object>>>)
            ((Map<String, Object>) json(single(bot.requests())).get("reply_markup"))
                .get("inline_keyboard");
    assertThat(rows).hasSize(100);
    assertThat(rows.get(99)).containsExactly(Map.of("text", "Option 99", "callback_data", "qr-99"));
  }

  // ---------------------------------------------------------------- cards

  @Test
  void a_card_with_an_image_is_a_photo_captioned_with_its_words_and_its_buttons_under_it()
      throws IOException {
    OutboundContent.Card card =
        new OutboundContent.Card(
            "Premium plan",
            "Unlimited calls",
            media(MediaKind.IMAGE, "", null, null),
            List.of(QuickReply.postback("Choose it", "plan-premium")),
            List.of(new OutboundContent.Link("Details", "https://example.com/plan")));

    DispatchOutcome outcome =
        channel.send(
            new ChannelSend(
                TestBots.SUPPORT,
                new OutboundMessage("cc-1", ADA, card),
                ROUTE,
                new MediaBytes(PNG, "image/png", null)));

    assertThat(outcome).isEqualTo(new DispatchOutcome.Done(List.of("tg:424242001:5001")));
    Request request = single(bot.requests());
    assertThat(request.path()).isEqualTo(BOT_PATH + "sendPhoto");
    Map<String, Multipart.Part> parts = Multipart.parts(request);
    assertThat(parts).containsOnlyKeys("chat_id", "caption", "reply_markup", "photo");
    assertThat(parts.get("caption").text()).isEqualTo("Premium plan\nUnlimited calls");
    assertThat(parts.get("photo").content()).isEqualTo(PNG);
    assertThat(JSON.readValue(parts.get("reply_markup").text(), Map.class))
        .isEqualTo(
            Map.of(
                "inline_keyboard",
                List.of(
                    List.of(Map.of("text", "Choose it", "callback_data", "qr-0")),
                    List.of(Map.of("text", "Details", "url", "https://example.com/plan")))));
  }

  @Test
  void a_card_without_an_image_is_a_message_with_its_buttons() {
    OutboundContent.Card card =
        new OutboundContent.Card(
            "Track your parcel",
            null,
            null,
            List.of(),
            List.of(new OutboundContent.Link("Track", "https://t.example/A-1")));

    channel.send(send(card));

    Request request = single(bot.requests());
    assertThat(request.path()).isEqualTo(BOT_PATH + "sendMessage");
    assertThat(json(request))
        .isEqualTo(
            Map.of(
                "chat_id",
                CHAT,
                "text",
                "Track your parcel",
                "reply_markup",
                Map.of(
                    "inline_keyboard",
                    List.of(List.of(Map.of("text", "Track", "url", "https://t.example/A-1"))))));
  }

  @Test
  void content_that_cannot_be_carried_is_refused_as_unsupported_without_a_call() {
    DeliveryFailure failure =
        refusal(
            channel.send(send(new OutboundContent.Unsupported("a DatePicker content element"))));

    assertThat(failure.reason()).isEqualTo(FailureReason.UNSUPPORTED_MESSAGE);
    assertThat(failure.message()).contains("DatePicker");
    assertThat(bot.requests()).isEmpty();
  }

  // ---------------------------------------------------------------- media

  @Test
  void an_image_is_posted_as_multipart_to_send_photo_with_its_bytes_and_caption() {
    DispatchOutcome outcome =
        channel.send(
            send(
                media(MediaKind.IMAGE, "image/png", "receipt.png", "your receipt"),
                new MediaBytes(PNG, "image/png", "receipt.png")));

    assertThat(outcome).isEqualTo(new DispatchOutcome.Done(List.of("tg:424242001:5001")));
    Request request = single(bot.requests());
    assertThat(request.path()).isEqualTo(BOT_PATH + "sendPhoto");
    Map<String, Multipart.Part> parts = Multipart.parts(request);
    assertThat(parts).containsOnlyKeys("chat_id", "caption", "photo");
    assertThat(parts.get("chat_id").text()).isEqualTo(CHAT);
    assertThat(parts.get("caption").text()).isEqualTo("your receipt");
    Multipart.Part photo = parts.get("photo");
    assertThat(photo.content()).isEqualTo(PNG);
    assertThat(photo.contentType()).isEqualTo("image/png");
    assertThat(photo.filename()).isEqualTo("receipt.png");
  }

  @Test
  void a_document_is_sent_with_send_document_under_its_file_name_and_no_caption_part() {
    byte[] pdf = "%PDF-1.7 not really".getBytes(StandardCharsets.US_ASCII);

    channel.send(
        send(
            media(MediaKind.DOCUMENT, "application/pdf", "Invoice 2025-06.pdf", null),
            new MediaBytes(pdf, "application/pdf", "Invoice 2025-06.pdf")));

    Request request = single(bot.requests());
    assertThat(request.path()).isEqualTo(BOT_PATH + "sendDocument");
    Map<String, Multipart.Part> parts = Multipart.parts(request);
    assertThat(parts).containsOnlyKeys("chat_id", "document");
    assertThat(parts.get("document").filename()).isEqualTo("Invoice 2025-06.pdf");
    assertThat(parts.get("document").contentType()).isEqualTo("application/pdf");
    assertThat(parts.get("document").content()).isEqualTo(pdf);
  }

  @ParameterizedTest(name = "{0} {1} is sent with {2} as {3}")
  @CsvSource({
    "VIDEO, video/mp4, sendVideo, video",
    "AUDIO, audio/ogg, sendVoice, voice",
    "AUDIO, audio/ogg; codecs=opus, sendVoice, voice",
    "AUDIO, audio/mpeg, sendAudio, audio",
    "AUDIO, audio/mp4, sendAudio, audio",
    "STICKER, image/webp, sendDocument, document",
    "IMAGE, image/jpeg, sendPhoto, photo"
  })
  void each_kind_of_attachment_is_sent_with_its_method_and_part(
      MediaKind kind, String mimeType, String method, String part) {
    byte[] bytes = ("bytes of " + kind).getBytes(StandardCharsets.US_ASCII);

    DispatchOutcome outcome =
        channel.send(
            send(media(kind, mimeType, null, "caption"), new MediaBytes(bytes, mimeType, null)));

    assertThat(outcome).isInstanceOf(DispatchOutcome.Done.class);
    Request request = single(bot.requests());
    assertThat(request.path()).isEqualTo(BOT_PATH + method);
    Map<String, Multipart.Part> parts = Multipart.parts(request);
    assertThat(parts).containsOnlyKeys("chat_id", "caption", part);
    assertThat(parts.get(part).content()).isEqualTo(bytes);
    assertThat(parts.get(part).filename()).isNotBlank();
  }

  // ---------------------------------------------------------------- refused without a call

  @Test
  void a_template_is_refused_as_unsupported_without_a_call() {
    OutboundContent.Template template =
        new OutboundContent.Template("acme", "order_shipped", "en_US", List.of("A-1"), null);

    DispatchOutcome outcome = channel.send(send(template));

    assertThat(refusal(outcome).reason()).isEqualTo(FailureReason.UNSUPPORTED_MESSAGE);
    assertThat(refusal(outcome).message()).contains("templates are WhatsApp only");
    assertThat(bot.requests()).isEmpty();
  }

  @Test
  void a_sequence_is_refused_as_unsupported_without_a_call() {
    DispatchOutcome outcome =
        channel.send(send(new OutboundContent.Sequence(List.of(text("a"), text("b")))));

    assertThat(refusal(outcome).reason()).isEqualTo(FailureReason.UNSUPPORTED_MESSAGE);
    assertThat(bot.requests()).isEmpty();
  }

  @Test
  void a_connection_without_a_bot_is_refused_naming_it() {
    ConnectionId other = new ConnectionId("other");
    ChannelSend send =
        new ChannelSend(other, new OutboundMessage("cc-1", ADA, text("hi")), ROUTE, null);

    assertThat(channel.send(send))
        .isEqualTo(
            new DispatchOutcome.Refused(
                new DeliveryFailure(
                    FailureReason.GENERAL_ERROR,
                    "no Telegram bot is configured for connection other")));
    assertThat(channel.showTyping(other, ADA, ROUTE, "tg:1:2"))
        .isInstanceOf(DispatchOutcome.Refused.class);
    assertThat(channel.acknowledge(other, "123")).isInstanceOf(DispatchOutcome.Refused.class);
    assertThat(bot.requests()).isEmpty();
  }

  // ---------------------------------------------------------------- errors

  @Test
  void flood_control_is_retried_after_the_seconds_it_asks_for() {
    bot.answerNext(
        "sendMessage",
        Answer.json(
            429,
            "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after"
                + " 7\",\"parameters\":{\"retry_after\":7}}"));

    DispatchOutcome outcome = channel.send(send(text("hi")));

    assertThat(outcome).isInstanceOf(DispatchOutcome.RetryLater.class);
    assertThat(((DispatchOutcome.RetryLater) outcome).notBefore()).isEqualTo(Duration.ofSeconds(7));
    assertThat(((DispatchOutcome.RetryLater) outcome).reason()).contains("429");
  }

  @Test
  void a_429_without_retry_after_in_its_body_honours_the_header() {
    bot.answerNext(
        "sendMessage", StubBotApi.error(429, "Too Many Requests").withHeader("Retry-After", "3"));

    DispatchOutcome outcome = channel.send(send(text("hi")));

    assertThat(((DispatchOutcome.RetryLater) outcome).notBefore()).isEqualTo(Duration.ofSeconds(3));
  }

  @ParameterizedTest(name = "HTTP {0}")
  @CsvSource({"500", "502", "503", "504", "408"})
  void server_errors_and_timeouts_are_retried(int status) {
    bot.answerNext("sendMessage", StubBotApi.error(status, "Internal Server Error"));

    DispatchOutcome outcome = channel.send(send(text("hi")));

    assertThat(outcome).isInstanceOf(DispatchOutcome.RetryLater.class);
    assertThat(((DispatchOutcome.RetryLater) outcome).notBefore()).isNull();
  }

  @Test
  void a_5xx_is_retried_after_its_retry_after_header() {
    bot.answerNext(
        "sendMessage", Answer.json(503, "<html>busy</html>").withHeader("Retry-After", "12"));

    DispatchOutcome outcome = channel.send(send(text("hi")));

    assertThat(((DispatchOutcome.RetryLater) outcome).notBefore())
        .isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void a_customer_who_blocked_the_bot_is_an_invalid_destination() {
    bot.answerNext("sendMessage", StubBotApi.error(403, "Forbidden: bot was blocked by the user"));

    DeliveryFailure failure = refusal(channel.send(send(text("hi"))));

    assertThat(failure.reason()).isEqualTo(FailureReason.INVALID_DESTINATION);
    assertThat(failure.message())
        .contains("blocked the bot")
        .contains("Forbidden: bot was blocked by the user");
  }

  @Test
  void any_other_refusal_is_a_general_error_with_the_bot_apis_description() {
    bot.answerNext("sendMessage", StubBotApi.error(400, "Bad Request: chat not found"));

    DeliveryFailure failure = refusal(channel.send(send(text("hi"))));

    assertThat(failure.reason()).isEqualTo(FailureReason.GENERAL_ERROR);
    assertThat(failure.message()).contains("Bad Request: chat not found");
  }

  @Test
  void a_long_description_is_shortened_to_one_line() {
    bot.answerNext("sendMessage", StubBotApi.error(400, "Bad Request:\\n" + "x".repeat(1000)));

    DeliveryFailure failure = refusal(channel.send(send(text("hi"))));

    assertThat(failure.message()).doesNotContain("\n").hasSizeLessThan(300);
  }

  @Test
  void a_refusal_that_is_not_json_is_a_general_error_naming_the_status() {
    bot.answerNext("sendMessage", Answer.json(400, "<html>bad</html>"));

    DeliveryFailure failure = refusal(channel.send(send(text("hi"))));

    assertThat(failure.reason()).isEqualTo(FailureReason.GENERAL_ERROR);
    assertThat(failure.message()).contains("HTTP 400");
  }

  @Test
  void a_redirect_is_not_followed() {
    bot.answerNext("sendMessage", Answer.json(302, "").withHeader("Location", bot.url() + "/x"));

    assertThat(channel.send(send(text("hi")))).isInstanceOf(DispatchOutcome.Refused.class);
    assertThat(bot.requests()).hasSize(1);
  }

  @Test
  void a_bot_api_that_does_not_answer_in_time_is_retried() {
    channel.close();
    channel =
        channel(new TelegramSettings(bot.url(), Duration.ofSeconds(2), Duration.ofMillis(300)));
    bot.answerNext("sendMessage", Answer.json(200, "{\"ok\":true}").after(Duration.ofSeconds(2)));

    assertThat(channel.send(send(text("hi")))).isInstanceOf(DispatchOutcome.RetryLater.class);
  }

  @Test
  void a_bot_api_that_cannot_be_reached_is_retried() throws IOException {
    String closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = "http://127.0.0.1:" + socket.getLocalPort();
    }
    channel.close();
    channel = channel(TelegramSettings.at(closed));

    DispatchOutcome outcome = channel.send(send(text("hi")));

    assertThat(outcome).isInstanceOf(DispatchOutcome.RetryLater.class);
    assertThat(((DispatchOutcome.RetryLater) outcome).reason())
        .doesNotContain(TestBots.SUPPORT_TOKEN)
        .doesNotContain("/bot");
  }

  // ---------------------------------------------------------------- typing, taps

  @Test
  void typing_is_a_typing_chat_action_in_the_chat_of_the_route() {
    DispatchOutcome outcome = channel.showTyping(TestBots.SUPPORT, ADA, new ReplyRoute("77"), "x");

    assertThat(outcome).isEqualTo(DispatchOutcome.Done.withoutIds());
    Request request = single(bot.requests());
    assertThat(request.path()).isEqualTo(BOT_PATH + "sendChatAction");
    assertThat(json(request)).isEqualTo(Map.of("chat_id", "77", "action", "typing"));
  }

  @Test
  void typing_without_a_route_is_shown_in_the_customers_own_chat() {
    channel.showTyping(TestBots.SUPPORT, ADA, null, "tg:424242001:1365");

    assertThat(json(single(bot.requests()))).containsEntry("chat_id", CHAT);
  }

  @Test
  void a_tap_is_acknowledged_by_answering_its_callback_query() {
    DispatchOutcome outcome = channel.acknowledge(TestBots.SUPPORT, "1822078861093587652");

    assertThat(outcome).isEqualTo(DispatchOutcome.Done.withoutIds());
    Request request = single(bot.requests());
    assertThat(request.path()).isEqualTo(BOT_PATH + "answerCallbackQuery");
    assertThat(json(request)).isEqualTo(Map.of("callback_query_id", "1822078861093587652"));
  }

  @Test
  void an_answer_to_a_tap_that_is_too_old_is_refused_not_thrown() {
    bot.answerNext(
        "answerCallbackQuery",
        StubBotApi.error(
            400,
            "Bad Request: query is too old and response timeout expired or query ID is invalid"));

    assertThat(channel.acknowledge(TestBots.SUPPORT, "1"))
        .isInstanceOf(DispatchOutcome.Refused.class);
  }

  // ---------------------------------------------------------------- helpers

  private static TelegramBotApiMessagingChannel channel(TelegramSettings settings) {
    return new TelegramBotApiMessagingChannel(
        settings, TestBots.both(), JSON, MutableClock.atDefaultStart());
  }

  private static ChannelSend send(OutboundContent content) {
    return new ChannelSend(
        TestBots.SUPPORT, new OutboundMessage("cc-1", ADA, content), ROUTE, null);
  }

  private static ChannelSend send(OutboundContent.Media content, MediaBytes bytes) {
    return new ChannelSend(
        TestBots.SUPPORT, new OutboundMessage("cc-1", ADA, content), ROUTE, bytes);
  }

  private static OutboundContent.Text text(String body) {
    return new OutboundContent.Text(body);
  }

  private static OutboundContent.Media media(
      MediaKind kind, String mimeType, String filename, String caption) {
    return new OutboundContent.Media(
        kind, "https://api-downloads.mypurecloud.com/x", mimeType, filename, caption);
  }

  private static DeliveryFailure refusal(DispatchOutcome outcome) {
    assertThat(outcome).isInstanceOf(DispatchOutcome.Refused.class);
    return ((DispatchOutcome.Refused) outcome).failure();
  }

  private static <T> T single(List<T> list) {
    assertThat(list).hasSize(1);
    return list.get(0);
  }

  private static Map<String, Object> json(Request request) {
    try {
      return JSON.readValue(request.body(), Argument.mapOf(String.class, Object.class));
    } catch (IOException e) {
      throw new AssertionError("the request is not JSON: " + request.text(), e);
    }
  }
}
