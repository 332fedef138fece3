package dev.switchboard.adapters.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.adapters.genesys.api.OpenMetadata;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.testing.StubHttpServer.Answer;
import dev.switchboard.application.testing.StubHttpServer.Request;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.Attachment;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.MediaKind;
import dev.switchboard.domain.message.QuickReply;
import dev.switchboard.domain.message.ReplyChoice;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GenesysOpenMessagingContactCenterTest {

  private static final String INTEGRATION = "6685901b-6d0e-43db-95ff-d64406e9dce2";
  private static final String MESSAGE_PATH =
      "/api/v2/conversations/messages/" + INTEGRATION + "/inbound/open/message";
  private static final String RESPONSE_PATH =
      "/api/v2/conversations/messages/" + INTEGRATION + "/inbound/open/structured/response";
  private static final String RECEIPT_PATH =
      "/api/v2/conversations/messages/" + INTEGRATION + "/inbound/open/receipt";
  private static final String TOKEN_PATH = "/oauth/token";
  private static final Instant START = Instant.parse("2025-06-10T21:00:00Z");
  private static final ConnectionId DEFAULT = ConnectionId.DEFAULT;
  private static final ConnectionId SECOND = new ConnectionId("second");
  private static final ConnectionId ABROAD = new ConnectionId("abroad");
  private static final String SECOND_INTEGRATION = "a1b2c3d4-0000-4000-8000-000000000002";
  private static final String ABROAD_INTEGRATION = "a1b2c3d4-0000-4000-8000-000000000003";
  private static final String ABROAD_CLIENT_ID = "abroad-client";
  private static final String ABROAD_CLIENT_SECRET = "abroad-client-secret-9876543210";

  private StubGenesys genesys;
  private MutableClock clock;
  private GenesysOpenMessagingContactCenter center;

  @BeforeEach
  void start() throws IOException {
    genesys = new StubGenesys();
    clock = new MutableClock(START);
    center = contactCenter(genesys.url(), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    center.close();
    genesys.close();
  }

  private GenesysOpenMessagingContactCenter contactCenter(String url, Duration timeout) {
    return new GenesysOpenMessagingContactCenter(
        GenesysIntegrations.of(List.of(integration(DEFAULT, url, INTEGRATION))),
        Fixtures.json(),
        clock,
        timeout);
  }

  private static GenesysIntegrations.Integration integration(
      ConnectionId connection, String url, String integrationId) {
    return integration(
        connection, url, StubGenesys.CLIENT_ID, StubGenesys.CLIENT_SECRET, integrationId);
  }

  private static GenesysIntegrations.Integration integration(
      ConnectionId connection,
      String url,
      String clientId,
      String clientSecret,
      String integrationId) {
    return new GenesysIntegrations.Integration(
        connection,
        new GenesysSettings(
            url, url, clientId, clientSecret, integrationId, "webhook-secret", null));
  }

  // ------------------------------------------------------------------ request shapes

  @Test
  void forwards_a_phone_customers_text_as_an_open_messaging_inbound_message() {
    InboundMessage message =
        new InboundMessage(
            "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
            new Customer(CustomerId.phone("16505551234"), "Sheena Nelson"),
            null,
            Instant.parse("2025-06-10T21:03:05Z"),
            new InboundContent.Text("Does it come in blue? \u00e4 \uD83D\uDC4D"));

    DispatchOutcome outcome = center.forward(DEFAULT, message, List.of());

    assertThat(outcome).isEqualTo(DispatchOutcome.Done.withoutIds());
    Request request = only(genesys.requestsTo("/inbound/open/message"));
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(MESSAGE_PATH);
    assertThat(request.header("Content-Type")).startsWith("application/json");
    assertThat(request.header("Authorization")).isEqualTo("Bearer stub-token-1");
    JsonNode body = json(request);
    assertThat(keys(body)).containsExactlyInAnyOrder("channel", "text");
    assertThat(body.get("text").getStringValue())
        .isEqualTo("Does it come in blue? \u00e4 \uD83D\uDC4D");
    JsonNode channel = body.get("channel");
    assertThat(keys(channel)).containsExactlyInAnyOrder("messageId", "from", "time");
    assertThat(channel.get("messageId").getStringValue())
        .isEqualTo("wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
    assertThat(channel.get("time").getStringValue()).isEqualTo("2025-06-10T21:03:05.000Z");
    JsonNode from = channel.get("from");
    assertThat(keys(from)).containsExactlyInAnyOrder("id", "idType", "nickname");
    assertThat(from.get("id").getStringValue()).isEqualTo("+16505551234");
    assertThat(from.get("idType").getStringValue()).isEqualTo("Phone");
    assertThat(from.get("nickname").getStringValue()).isEqualTo("Sheena Nelson");
  }

  @Test
  void forwards_an_opaque_customer_without_a_name_with_no_nickname() {
    InboundMessage message =
        new InboundMessage(
            "wamid.opaque",
            new Customer(CustomerId.opaque("US.13491208655302741918"), null),
            null,
            Instant.parse("2025-06-10T21:03:05.427Z"),
            new InboundContent.Text("no number given"));

    assertThat(center.forward(DEFAULT, message, List.of()))
        .isInstanceOf(DispatchOutcome.Done.class);

    JsonNode from = json(only(genesys.requestsTo(MESSAGE_PATH))).get("channel").get("from");
    assertThat(keys(from)).containsExactlyInAnyOrder("id", "idType");
    assertThat(from.get("id").getStringValue()).isEqualTo("US.13491208655302741918");
    assertThat(from.get("idType").getStringValue()).isEqualTo("Opaque");
    assertThat(
            json(only(genesys.requestsTo(MESSAGE_PATH)))
                .get("channel")
                .get("time")
                .getStringValue())
        .isEqualTo("2025-06-10T21:03:05.427Z");
  }

  @Test
  void reports_a_delivered_receipt() {
    DeliveryReceipt receipt =
        DeliveryReceipt.delivered(
            "5f1f3ae8c6b4a2f9e0d7c1b3a5e9f201",
            CustomerId.phone("+16505551234"),
            Instant.parse("2025-06-10T21:05:44.5Z"));

    DispatchOutcome outcome = center.report(DEFAULT, receipt);

    assertThat(outcome).isEqualTo(DispatchOutcome.Done.withoutIds());
    Request request = only(genesys.requestsTo("/inbound/open/receipt"));
    assertThat(request.path()).isEqualTo(RECEIPT_PATH);
    assertThat(request.header("Authorization")).isEqualTo("Bearer stub-token-1");
    JsonNode body = json(request);
    assertThat(keys(body)).containsExactlyInAnyOrder("id", "channel", "status", "isFinalReceipt");
    assertThat(body.get("id").getStringValue()).isEqualTo("5f1f3ae8c6b4a2f9e0d7c1b3a5e9f201");
    assertThat(body.get("status").getStringValue()).isEqualTo("Delivered");
    assertThat(body.get("isFinalReceipt").getBooleanValue()).isTrue();
    JsonNode channel = body.get("channel");
    assertThat(keys(channel)).containsExactlyInAnyOrder("to", "time");
    assertThat(channel.get("time").getStringValue()).isEqualTo("2025-06-10T21:05:44.500Z");
    assertThat(keys(channel.get("to"))).containsExactlyInAnyOrder("id", "idType");
    assertThat(channel.get("to").get("id").getStringValue()).isEqualTo("+16505551234");
    assertThat(channel.get("to").get("idType").getStringValue()).isEqualTo("Phone");
  }

  @Test
  void reports_a_failed_receipt_with_its_reasons() {
    DeliveryReceipt receipt =
        DeliveryReceipt.failed(
            "5f1f3ae8c6b4a2f9e0d7c1b3a5e9f201",
            CustomerId.opaque("US.13491208655302741918"),
            List.of(
                new DeliveryFailure(FailureReason.MESSAGE_EXPIRED, "the window is closed"),
                new DeliveryFailure(FailureReason.RATE_LIMITED, "too many messages")),
            Instant.parse("2025-06-10T21:05:44Z"));

    assertThat(center.report(DEFAULT, receipt)).isInstanceOf(DispatchOutcome.Done.class);

    JsonNode body = json(only(genesys.requestsTo(RECEIPT_PATH)));
    assertThat(keys(body))
        .containsExactlyInAnyOrder("id", "channel", "status", "reasons", "isFinalReceipt");
    assertThat(body.get("status").getStringValue()).isEqualTo("Failed");
    assertThat(body.get("isFinalReceipt").getBooleanValue()).isTrue();
    assertThat(body.get("channel").get("to").get("idType").getStringValue()).isEqualTo("Opaque");
    List<String> reasons = new ArrayList<>();
    for (JsonNode reason : body.get("reasons").values()) {
      reasons.add(
          reason.get("code").getStringValue() + ": " + reason.get("message").getStringValue());
    }
    assertThat(reasons)
        .containsExactly("MessageExpired: the window is closed", "RateLimited: too many messages");
  }

  @Test
  void times_are_iso_8601_utc_with_milliseconds() {
    assertThat(OpenMessagingMapper.time(Instant.parse("2025-12-31T23:59:59.999999Z")))
        .isEqualTo("2025-12-31T23:59:59.999Z");
    assertThat(OpenMessagingMapper.time(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
    assertThat(OpenMessagingMapper.time(Instant.parse("2025-06-10T21:03:05.4Z")))
        .isEqualTo("2025-06-10T21:03:05.400Z");
  }

  // ------------------------------------------------------------------ rich messages

  private static final String LINK =
      "https://bridge.example.com/media/media-wamid.IMG?expires=1749600000&signature=c2lnbmVk";

  @Test
  void forwards_an_image_with_its_caption_as_text_and_a_link_to_it_as_attachment_content() {
    InboundMessage message =
        media(
            "wamid.IMG",
            new InboundContent.Media(
                MediaKind.IMAGE, "1003383421387256", "image/png", null, null, "Taj Mahal"));

    DispatchOutcome outcome =
        center.forward(
            DEFAULT, message, List.of(new Attachment(MediaKind.IMAGE, LINK, "image/png", null)));

    assertThat(outcome).isEqualTo(DispatchOutcome.Done.withoutIds());
    JsonNode body = json(only(genesys.requestsTo(MESSAGE_PATH)));
    assertThat(keys(body)).containsExactlyInAnyOrder("channel", "text", "content");
    assertThat(body.get("text").getStringValue()).isEqualTo("Taj Mahal");
    assertThat(body.get("content").size()).isEqualTo(1);
    JsonNode element = body.get("content").get(0);
    assertThat(keys(element)).containsExactlyInAnyOrder("contentType", "attachment");
    assertThat(element.get("contentType").getStringValue()).isEqualTo("Attachment");
    JsonNode attachment = element.get("attachment");
    assertThat(keys(attachment)).containsExactlyInAnyOrder("mediaType", "url", "mime");
    assertThat(attachment.get("mediaType").getStringValue()).isEqualTo("Image");
    assertThat(attachment.get("url").getStringValue()).isEqualTo(LINK);
    assertThat(attachment.get("mime").getStringValue()).isEqualTo("image/png");
    assertThat(keys(body.get("channel"))).containsExactlyInAnyOrder("messageId", "from", "time");
  }

  @Test
  void forwards_a_document_without_caption_with_no_text_and_with_its_filename() {
    InboundMessage message =
        media(
            "wamid.DOC",
            new InboundContent.Media(
                MediaKind.DOCUMENT, "555000111", "application/pdf", null, "invoice.pdf", null));

    center.forward(
        DEFAULT,
        message,
        List.of(new Attachment(MediaKind.DOCUMENT, LINK, "application/pdf", "invoice-2026.pdf")));

    JsonNode body = json(only(genesys.requestsTo(MESSAGE_PATH)));
    assertThat(keys(body)).containsExactlyInAnyOrder("channel", "content");
    JsonNode attachment = body.get("content").get(0).get("attachment");
    assertThat(keys(attachment)).containsExactlyInAnyOrder("mediaType", "url", "mime", "filename");
    assertThat(attachment.get("mediaType").getStringValue()).isEqualTo("File");
    assertThat(attachment.get("filename").getStringValue()).isEqualTo("invoice-2026.pdf");
  }

  @Test
  void each_kind_of_media_has_its_open_messaging_media_type() {
    Map<MediaKind, String> expected =
        Map.of(
            MediaKind.IMAGE, "Image",
            MediaKind.STICKER, "Image",
            MediaKind.VIDEO, "Video",
            MediaKind.AUDIO, "Audio",
            MediaKind.DOCUMENT, "File");

    assertThat(expected).hasSize(MediaKind.values().length);
    for (MediaKind kind : MediaKind.values()) {
      assertThat(OpenMessagingMapper.mediaType(kind)).as(kind.name()).isEqualTo(expected.get(kind));
    }
  }

  @Test
  void a_voice_note_goes_as_audio_with_its_mime_parameters() {
    center.forward(
        DEFAULT,
        media(
            "wamid.OGG",
            new InboundContent.Media(
                MediaKind.AUDIO, "777000222", "audio/ogg; codecs=opus", null, null, null)),
        List.of(new Attachment(MediaKind.AUDIO, LINK, "audio/ogg; codecs=opus", null)));

    JsonNode attachment =
        json(only(genesys.requestsTo(MESSAGE_PATH))).get("content").get(0).get("attachment");
    assertThat(attachment.get("mediaType").getStringValue()).isEqualTo("Audio");
    assertThat(attachment.get("mime").getStringValue()).isEqualTo("audio/ogg; codecs=opus");
  }

  @Test
  void media_that_could_not_be_attached_still_reaches_the_agent_as_a_note() {
    center.forward(
        DEFAULT,
        media(
            "wamid.LOST",
            new InboundContent.Media(MediaKind.VIDEO, "1", "video/mp4", null, null, null)),
        List.of());

    JsonNode body = json(only(genesys.requestsTo(MESSAGE_PATH)));
    assertThat(keys(body)).containsExactlyInAnyOrder("channel", "text");
    assertThat(body.get("text").getStringValue()).contains("video");
  }

  @Test
  void forwards_metadata_as_custom_attributes_of_the_channel() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("referral.headline", "Spring sale: 20% off");
    metadata.put("referral.source_url", "https://fb.me/2ZulEu42P");
    metadata.put("context.quoted", "wamid.QUOTED");
    InboundMessage message =
        new InboundMessage(
            "wamid.META",
            new Customer(CustomerId.phone("16505551234"), "Sheena Nelson"),
            null,
            Instant.parse("2025-06-10T21:03:05Z"),
            new InboundContent.Text("I saw your ad"),
            metadata);

    assertThat(center.forward(DEFAULT, message, List.of()))
        .isInstanceOf(DispatchOutcome.Done.class);

    JsonNode channel = json(only(genesys.requestsTo(MESSAGE_PATH))).get("channel");
    assertThat(keys(channel)).containsExactlyInAnyOrder("messageId", "from", "time", "metadata");
    assertThat(keys(channel.get("metadata"))).containsExactly("customAttributes");
    JsonNode attributes = channel.get("metadata").get("customAttributes");
    assertThat(keys(attributes))
        .containsExactlyInAnyOrder("referral.headline", "referral.source_url", "context.quoted");
    assertThat(attributes.get("referral.headline").getStringValue())
        .isEqualTo("Spring sale: 20% off");
    assertThat(attributes.get("context.quoted").getStringValue()).isEqualTo("wamid.QUOTED");
  }

  @Test
  void custom_attributes_leave_out_blank_names_and_are_cut_to_their_limits() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(" ", "nameless");
    metadata.put("long", "x".repeat(OpenMessagingMapper.MAX_ATTRIBUTE_VALUE + 50));
    metadata.put("n".repeat(OpenMessagingMapper.MAX_ATTRIBUTE_NAME + 5), "v");

    OpenMetadata mapped = OpenMessagingMapper.metadata(metadata);

    assertThat(mapped.customAttributes())
        .containsOnlyKeys("long", "n".repeat(OpenMessagingMapper.MAX_ATTRIBUTE_NAME));
    assertThat(mapped.customAttributes().get("long"))
        .hasSize(OpenMessagingMapper.MAX_ATTRIBUTE_VALUE);
    assertThat(OpenMessagingMapper.metadata(Map.of())).isNull();
    assertThat(OpenMessagingMapper.metadata(Map.of("  ", "only a blank name"))).isNull();
  }

  @Test
  void a_tap_forwarded_as_a_message_carries_its_title_as_text() {
    center.forward(
        DEFAULT,
        media("wamid.TAP", new InboundContent.ReplyTap("qr-0", "Yes", "wamid.OUT")),
        List.of());

    assertThat(json(only(genesys.requestsTo(MESSAGE_PATH))).get("text").getStringValue())
        .isEqualTo("Yes");
  }

  @Test
  void answers_a_tap_with_a_structured_response_to_the_offering_message() {
    DispatchOutcome outcome = center.answer(DEFAULT, choice());

    assertThat(outcome).isEqualTo(DispatchOutcome.Done.withoutIds());
    Request request = only(genesys.requestsTo("/structured/response"));
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(RESPONSE_PATH);
    assertThat(request.header("Content-Type")).startsWith("application/json");
    assertThat(request.header("Authorization")).isEqualTo("Bearer stub-token-1");
    JsonNode body = json(request);
    assertThat(keys(body))
        .containsExactlyInAnyOrder("channel", "buttonResponse", "originatingMessageId");
    assertThat(body.get("originatingMessageId").getStringValue())
        .isEqualTo("c0ffee00c0ffee00c0ffee00c0ffee01");
    JsonNode button = body.get("buttonResponse");
    assertThat(keys(button)).containsExactlyInAnyOrder("type", "text", "payload");
    assertThat(button.get("type").getStringValue()).isEqualTo("QuickReply");
    assertThat(button.get("text").getStringValue()).isEqualTo("Blue");
    assertThat(button.get("payload").getStringValue()).isEqualTo("colour-blue");
    JsonNode channel = body.get("channel");
    assertThat(keys(channel)).containsExactlyInAnyOrder("messageId", "from", "time");
    assertThat(channel.get("messageId").getStringValue()).isEqualTo("wamid.TAP");
    assertThat(channel.get("time").getStringValue()).isEqualTo("2025-06-10T21:08:01.250Z");
    assertThat(channel.get("from").get("id").getStringValue()).isEqualTo("+16505551234");
    assertThat(channel.get("from").get("idType").getStringValue()).isEqualTo("Phone");
    assertThat(channel.get("from").get("nickname").getStringValue()).isEqualTo("Sheena Nelson");
  }

  @Test
  void a_tap_on_a_cards_button_is_answered_as_a_button() {
    ReplyChoice tap = choice();
    ReplyChoice card =
        new ReplyChoice(
            tap.contactCenterMessageId(),
            tap.customer(),
            QuickReply.postback("Choose it", "plan-premium"),
            tap.channelMessageId(),
            tap.at());

    assertThat(center.answer(DEFAULT, card)).isEqualTo(DispatchOutcome.Done.withoutIds());

    JsonNode button = json(only(genesys.requestsTo("/structured/response"))).get("buttonResponse");
    assertThat(button.get("type").getStringValue()).isEqualTo("Button");
    assertThat(button.get("text").getStringValue()).isEqualTo("Choose it");
    assertThat(button.get("payload").getStringValue()).isEqualTo("plan-premium");
  }

  @Test
  void a_receipt_answered_200_with_status_failed_is_a_refusal_naming_genesys_reasons() {
    genesys.next(
        RECEIPT_PATH,
        Answer.json(
            200,
            """
            {"id": "5f1f3ae8c6b4a2f9e0d7c1b3a5e9f201", "status": "Failed",
             "reasons": [{"code": "GeneralError", "message": "message id unknown"}]}
            """));

    DispatchOutcome outcome = center.report(DEFAULT, receipt());

    assertThat(outcome).isInstanceOf(DispatchOutcome.Refused.class);
    assertThat(((DispatchOutcome.Refused) outcome).failure().message())
        .contains("status Failed")
        .contains("GeneralError")
        .contains("message id unknown");
  }

  @Test
  void a_failed_receipt_that_genesys_echoes_as_failed_is_taken() {
    genesys.next(
        RECEIPT_PATH,
        Answer.json(
            200,
            """
            {"id": "5f1f3ae8c6b4a2f9e0d7c1b3a5e9f201", "status": "Failed",
             "reasons": [{"code": "MessageExpired", "message": "window closed"}]}
            """));
    DeliveryReceipt failed =
        DeliveryReceipt.failed(
            "5f1f3ae8c6b4a2f9e0d7c1b3a5e9f201",
            CustomerId.phone("+16505551234"),
            List.of(new DeliveryFailure(FailureReason.MESSAGE_EXPIRED, "window closed")),
            Instant.parse("2025-06-10T21:05:44Z"));

    assertThat(center.report(DEFAULT, failed)).isEqualTo(DispatchOutcome.Done.withoutIds());
  }

  @Test
  void any_open_messaging_call_answered_200_with_status_failed_is_a_refusal() {
    genesys.next(MESSAGE_PATH, Answer.json(200, "{\"status\": \"Failed\"}"));
    genesys.next(RESPONSE_PATH, Answer.json(200, "{\"status\": \"Failed\", \"reasons\": []}"));

    assertThat(center.forward(DEFAULT, message("wamid.f"), List.of()))
        .isInstanceOf(DispatchOutcome.Refused.class);
    assertThat(center.answer(DEFAULT, choice())).isInstanceOf(DispatchOutcome.Refused.class);
  }

  @Test
  void a_200_with_another_status_or_no_json_is_done() {
    genesys.next(RECEIPT_PATH, Answer.json(200, "{\"status\": \"Delivered\"}"));
    genesys.next(RECEIPT_PATH, Answer.json(200, "not json"));

    assertThat(center.report(DEFAULT, receipt())).isEqualTo(DispatchOutcome.Done.withoutIds());
    assertThat(center.report(DEFAULT, receipt())).isEqualTo(DispatchOutcome.Done.withoutIds());
  }

  @Test
  void an_answer_gets_a_new_token_after_a_401_like_every_call() {
    center.report(DEFAULT, receipt());
    genesys.next(RESPONSE_PATH, Answer.json(401, "{\"message\":\"token revoked\"}"));

    assertThat(center.answer(DEFAULT, choice())).isInstanceOf(DispatchOutcome.Done.class);

    assertThat(genesys.requestsTo(RESPONSE_PATH))
        .extracting(r -> r.header("Authorization"))
        .containsExactly("Bearer stub-token-1", "Bearer stub-token-2");
  }

  @Test
  void an_answer_answered_503_is_retried_later_and_one_answered_400_is_refused() {
    genesys.next(RESPONSE_PATH, Answer.json(503, "{}").withHeader("Retry-After", "3"));
    genesys.next(
        RESPONSE_PATH, Answer.json(400, "{\"message\":\"originatingMessageId is unknown\"}"));

    DispatchOutcome first = center.answer(DEFAULT, choice());
    DispatchOutcome second = center.answer(DEFAULT, choice());

    assertThat(first)
        .isEqualTo(
            new DispatchOutcome.RetryLater(
                Duration.ofSeconds(3), "Genesys answered HTTP 503 to the structured response"));
    assertThat(second).isInstanceOf(DispatchOutcome.Refused.class);
    assertThat(((DispatchOutcome.Refused) second).failure().message())
        .contains("400")
        .contains("originatingMessageId is unknown");
  }

  // ------------------------------------------------------------------ OAuth

  @Test
  void the_token_is_fetched_with_basic_client_credentials_and_the_client_credentials_grant() {
    center.forward(DEFAULT, message("wamid.1"), List.of());

    Request token = only(genesys.requestsTo(TOKEN_PATH));
    assertThat(token.method()).isEqualTo("POST");
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (StubGenesys.CLIENT_ID + ":" + StubGenesys.CLIENT_SECRET)
                    .getBytes(StandardCharsets.UTF_8));
    assertThat(token.header("Authorization")).isEqualTo("Basic " + basic);
    assertThat(token.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(token.text()).isEqualTo("grant_type=client_credentials");
  }

  @Test
  void the_token_is_cached_across_many_calls() {
    for (int i = 0; i < 25; i++) {
      assertThat(center.forward(DEFAULT, message("wamid." + i), List.of()))
          .isInstanceOf(DispatchOutcome.Done.class);
    }

    assertThat(genesys.requestsTo(TOKEN_PATH)).hasSize(1);
    assertThat(genesys.requestsTo(MESSAGE_PATH))
        .extracting(r -> r.header("Authorization"))
        .containsOnly("Bearer stub-token-1");
  }

  @Test
  void concurrent_callers_share_one_token_fetch() throws Exception {
    genesys.tokensTakeA(Duration.ofMillis(300));
    int callers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<DispatchOutcome>> outcomes = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        String id = "wamid.concurrent." + i;
        Callable<DispatchOutcome> call =
            () -> {
              go.await();
              return center.forward(DEFAULT, message(id), List.of());
            };
        outcomes.add(pool.submit(call));
      }
      go.countDown();
      for (Future<DispatchOutcome> outcome : outcomes) {
        assertThat(outcome.get()).isInstanceOf(DispatchOutcome.Done.class);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(genesys.requestsTo(TOKEN_PATH)).hasSize(1);
    assertThat(genesys.requestsTo(MESSAGE_PATH)).hasSize(callers);
  }

  @Test
  void the_token_is_refreshed_shortly_before_it_expires() {
    genesys.tokensExpireIn(3600); // handed out for 3600 s less 60 s

    center.forward(DEFAULT, message("wamid.a"), List.of());
    clock.advance(Duration.ofSeconds(3539));
    center.forward(DEFAULT, message("wamid.b"), List.of());
    assertThat(genesys.requestsTo(TOKEN_PATH)).hasSize(1);

    clock.advance(Duration.ofSeconds(2));
    center.forward(DEFAULT, message("wamid.c"), List.of());

    assertThat(genesys.requestsTo(TOKEN_PATH)).hasSize(2);
    assertThat(genesys.requestsTo(MESSAGE_PATH))
        .extracting(r -> r.header("Authorization"))
        .containsExactly("Bearer stub-token-1", "Bearer stub-token-1", "Bearer stub-token-2");
  }

  @Test
  void a_token_with_a_tiny_lifetime_is_still_used_for_its_call() {
    genesys.tokensExpireIn(1);

    assertThat(center.forward(DEFAULT, message("wamid.a"), List.of()))
        .isInstanceOf(DispatchOutcome.Done.class);
    clock.advance(Duration.ofSeconds(1));
    assertThat(center.forward(DEFAULT, message("wamid.b"), List.of()))
        .isInstanceOf(DispatchOutcome.Done.class);

    assertThat(genesys.requestsTo(TOKEN_PATH)).hasSize(2);
  }

  @Test
  void token_lifetimes_keep_a_margin_of_ten_percent_at_most_a_minute() {
    assertThat(GenesysTokens.lifetime(86399L)).isEqualTo(Duration.ofSeconds(86339));
    assertThat(GenesysTokens.lifetime(300L)).isEqualTo(Duration.ofSeconds(270));
    assertThat(GenesysTokens.lifetime(1L)).isEqualTo(Duration.ofMillis(900));
    assertThat(GenesysTokens.lifetime(0L)).isEqualTo(Duration.ZERO);
    assertThat(GenesysTokens.lifetime(null)).isEqualTo(Duration.ZERO);
  }

  @Test
  void a_401_fetches_one_new_token_and_retries_the_call_once() {
    center.forward(DEFAULT, message("wamid.warmup"), List.of());
    genesys.next(MESSAGE_PATH, Answer.json(401, "{\"message\":\"token revoked\"}"));

    DispatchOutcome outcome = center.forward(DEFAULT, message("wamid.retried"), List.of());

    assertThat(outcome).isInstanceOf(DispatchOutcome.Done.class);
    assertThat(genesys.requestsTo(TOKEN_PATH)).hasSize(2);
    List<Request> calls = genesys.requestsTo(MESSAGE_PATH);
    assertThat(calls)
        .extracting(r -> r.header("Authorization"))
        .containsExactly("Bearer stub-token-1", "Bearer stub-token-1", "Bearer stub-token-2");
    assertThat(calls.get(2).text()).isEqualTo(calls.get(1).text());
  }

  @Test
  void a_second_401_is_a_passing_failure_not_a_loop() {
    genesys.next(MESSAGE_PATH, Answer.json(401, "{\"message\":\"no\"}"));
    genesys.next(MESSAGE_PATH, Answer.json(401, "{\"message\":\"still no\"}"));

    DispatchOutcome outcome = center.forward(DEFAULT, message("wamid.refused"), List.of());

    assertThat(outcome).isInstanceOf(DispatchOutcome.RetryLater.class);
    assertThat(((DispatchOutcome.RetryLater) outcome).reason()).contains("401");
    assertThat(genesys.requestsTo(MESSAGE_PATH)).hasSize(2);
    assertThat(genesys.requestsTo(TOKEN_PATH)).hasSize(2);
  }

  @Test
  void refused_client_credentials_are_retried_later_and_say_so_without_the_secret() {
    genesys.next(TOKEN_PATH, Answer.json(401, "{\"error\":\"invalid_client\"}"));

    DispatchOutcome outcome = center.forward(DEFAULT, message("wamid.no-credentials"), List.of());

    assertThat(outcome).isInstanceOf(DispatchOutcome.RetryLater.class);
    String reason = ((DispatchOutcome.RetryLater) outcome).reason();
    assertThat(reason).contains("refused the OAuth client credentials");
    assertThat(reason).doesNotContain(StubGenesys.CLIENT_SECRET);
    assertThat(genesys.requestsTo(MESSAGE_PATH)).isEmpty();
  }

  @Test
  void a_400_from_the_token_endpoint_is_retried_later_too() {
    genesys.next(TOKEN_PATH, Answer.json(400, "{\"error\":\"invalid_request\"}"));

    DispatchOutcome outcome = center.report(DEFAULT, receipt());

    assertThat(outcome).isInstanceOf(DispatchOutcome.RetryLater.class);
    assertThat(((DispatchOutcome.RetryLater) outcome).reason())
        .contains("refused the OAuth client credentials");
  }

  @Test
  void a_throttled_token_endpoint_is_retried_after_its_retry_after() {
    genesys.next(TOKEN_PATH, Answer.json(429, "{}").withHeader("Retry-After", "11"));

    DispatchOutcome outcome = center.forward(DEFAULT, message("wamid.throttled-token"), List.of());

    assertThat(outcome)
        .isEqualTo(
            new DispatchOutcome.RetryLater(
                Duration.ofSeconds(11), "Genesys OAuth token request answered HTTP 429"));
  }

  @Test
  void a_failing_token_endpoint_is_retried_later() {
    genesys.next(TOKEN_PATH, Answer.json(503, "{}"));

    assertThat(center.forward(DEFAULT, message("wamid.token-503"), List.of()))
        .isInstanceOf(DispatchOutcome.RetryLater.class);
  }

  @Test
  void a_token_answer_without_a_token_is_retried_later() {
    genesys.next(TOKEN_PATH, Answer.json(200, "{\"token_type\":\"bearer\"}"));

    DispatchOutcome outcome = center.forward(DEFAULT, message("wamid.tokenless"), List.of());

    assertThat(outcome).isInstanceOf(DispatchOutcome.RetryLater.class);
    assertThat(((DispatchOutcome.RetryLater) outcome).reason()).contains("access_token");
  }

  // ------------------------------------------------------------------ outcomes

  @Test
  void a_429_is_retried_after_the_seconds_genesys_asks_for() {
    genesys.next(
        MESSAGE_PATH,
        Answer.json(429, "{\"message\":\"slow down\"}").withHeader("Retry-After", "2"));

    DispatchOutcome outcome = center.forward(DEFAULT, message("wamid.429"), List.of());

    assertThat(outcome).isInstanceOf(DispatchOutcome.RetryLater.class);
    assertThat(((DispatchOutcome.RetryLater) outcome).notBefore()).isEqualTo(Duration.ofSeconds(2));
    assertThat(((DispatchOutcome.RetryLater) outcome).reason()).contains("429");
  }

  @Test
  void a_429_with_an_http_date_is_retried_at_that_date() {
    String inThirtySeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(START.plusSeconds(30).atOffset(ZoneOffset.UTC));
    genesys.next(RECEIPT_PATH, Answer.json(429, "{}").withHeader("Retry-After", inThirtySeconds));

    DispatchOutcome outcome = center.report(DEFAULT, receipt());

    assertThat(((DispatchOutcome.RetryLater) outcome).notBefore())
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void a_503_is_retried_later() {
    genesys.next(MESSAGE_PATH, Answer.json(503, "{\"message\":\"unavailable\"}"));

    DispatchOutcome outcome = center.forward(DEFAULT, message("wamid.503"), List.of());

    assertThat(outcome).isInstanceOf(DispatchOutcome.RetryLater.class);
    assertThat(((DispatchOutcome.RetryLater) outcome).notBefore()).isNull();
    assertThat(((DispatchOutcome.RetryLater) outcome).reason()).contains("503");
  }

  @Test
  void a_500_on_a_receipt_is_retried_later() {
    genesys.next(RECEIPT_PATH, Answer.json(500, ""));

    assertThat(center.report(DEFAULT, receipt())).isInstanceOf(DispatchOutcome.RetryLater.class);
  }

  @Test
  void a_call_that_takes_too_long_is_retried_later() {
    GenesysOpenMessagingContactCenter impatient =
        contactCenter(genesys.url(), Duration.ofMillis(500));
    try {
      genesys.next(MESSAGE_PATH, Answer.json(200, "{}").after(Duration.ofSeconds(2)));

      DispatchOutcome outcome = impatient.forward(DEFAULT, message("wamid.slow"), List.of());

      assertThat(outcome).isInstanceOf(DispatchOutcome.RetryLater.class);
      assertThat(((DispatchOutcome.RetryLater) outcome).notBefore()).isNull();
    } finally {
      impatient.close();
    }
  }

  @Test
  void an_unreachable_genesys_is_retried_later() {
    String nobodyListens = genesys.url();
    genesys.close();
    GenesysOpenMessagingContactCenter cutOff = contactCenter(nobodyListens, Duration.ofSeconds(2));
    try {
      assertThat(cutOff.forward(DEFAULT, message("wamid.cut-off"), List.of()))
          .isInstanceOf(DispatchOutcome.RetryLater.class);
      assertThat(cutOff.report(DEFAULT, receipt())).isInstanceOf(DispatchOutcome.RetryLater.class);
    } finally {
      cutOff.close();
    }
  }

  @Test
  void a_400_is_a_permanent_refusal_with_genesys_message() {
    genesys.next(
        MESSAGE_PATH,
        Answer.json(400, "{\"message\":\"channel.from.id is required\",\"code\":\"bad.request\"}"));

    DispatchOutcome outcome = center.forward(DEFAULT, message("wamid.400"), List.of());

    assertThat(outcome).isInstanceOf(DispatchOutcome.Refused.class);
    DeliveryFailure failure = ((DispatchOutcome.Refused) outcome).failure();
    assertThat(failure.reason()).isEqualTo(FailureReason.GENERAL_ERROR);
    assertThat(failure.message()).contains("400").contains("channel.from.id is required");
  }

  @Test
  void a_404_without_a_json_body_is_a_permanent_refusal() {
    genesys.next(RECEIPT_PATH, Answer.json(404, "not json at all"));

    DispatchOutcome outcome = center.report(DEFAULT, receipt());

    assertThat(outcome).isInstanceOf(DispatchOutcome.Refused.class);
    assertThat(((DispatchOutcome.Refused) outcome).failure().message()).contains("404");
  }

  @Test
  void no_outcome_reason_carries_a_secret_or_token() {
    List<String> reasons = new ArrayList<>();
    genesys.next(TOKEN_PATH, Answer.json(401, "{}"));
    reasons.add(reasonOf(center.forward(DEFAULT, message("wamid.s1"), List.of())));
    genesys.next(MESSAGE_PATH, Answer.json(401, "{}"));
    genesys.next(MESSAGE_PATH, Answer.json(401, "{}"));
    reasons.add(reasonOf(center.forward(DEFAULT, message("wamid.s2"), List.of())));
    genesys.next(MESSAGE_PATH, Answer.json(503, "{}"));
    reasons.add(reasonOf(center.forward(DEFAULT, message("wamid.s3"), List.of())));
    genesys.next(MESSAGE_PATH, Answer.json(422, "{\"message\":\"unprocessable\"}"));
    reasons.add(reasonOf(center.forward(DEFAULT, message("wamid.s4"), List.of())));

    assertThat(genesys.issuedTokens()).isNotEmpty();
    for (String reason : reasons) {
      assertThat(reason).doesNotContain(StubGenesys.CLIENT_SECRET);
      for (String token : genesys.issuedTokens()) {
        assertThat(reason).doesNotContain(token);
      }
    }
  }

  @Test
  void every_failure_reason_has_a_genesys_code() {
    Map<FailureReason, String> expected =
        Map.of(
            FailureReason.MESSAGE_EXPIRED, "MessageExpired",
            FailureReason.RATE_LIMITED, "RateLimited",
            FailureReason.INVALID_DESTINATION, "InvalidDestination",
            FailureReason.MESSAGE_NOT_ALLOWED, "MessageNotAllowed",
            FailureReason.UNSUPPORTED_MESSAGE, "UnsupportedMessage",
            FailureReason.INVALID_MESSAGE_STRUCTURE, "InvalidMessageStructure",
            FailureReason.MEDIA_TYPE_NOT_ALLOWED, "MediaTypeNotAllowed",
            FailureReason.INVALID_MEDIA_CONTENT_LENGTH, "InvalidMediaContentLength",
            FailureReason.RECIPIENT_OPTED_OUT, "RecipientOptedOut",
            FailureReason.GENERAL_ERROR, "GeneralError");

    assertThat(expected).hasSize(FailureReason.values().length);
    for (FailureReason reason : FailureReason.values()) {
      assertThat(OpenMessagingMapper.code(reason))
          .as(reason.name())
          .isEqualTo(expected.get(reason));
    }
  }

  // ------------------------------------------------------------------ connections

  /**
   * Three connections: {@code default} and {@code second} in the stub's org with one OAuth client,
   * {@code abroad} in another org (another stub) with its own client.
   */
  private GenesysOpenMessagingContactCenter threeConnections(StubGenesys abroad) {
    return new GenesysOpenMessagingContactCenter(
        GenesysIntegrations.of(
            List.of(
                integration(DEFAULT, genesys.url(), INTEGRATION),
                integration(SECOND, genesys.url(), SECOND_INTEGRATION),
                integration(
                    ABROAD,
                    abroad.url(),
                    ABROAD_CLIENT_ID,
                    ABROAD_CLIENT_SECRET,
                    ABROAD_INTEGRATION))),
        Fixtures.json(),
        clock,
        Duration.ofSeconds(5));
  }

  @Test
  void each_connections_calls_go_to_its_integration_with_its_clients_token() {
    try (StubGenesys abroad = new StubGenesys("abroad");
        GenesysOpenMessagingContactCenter three = threeConnections(abroad)) {

      assertThat(three.forward(SECOND, message("wamid.second"), List.of()))
          .isEqualTo(DispatchOutcome.Done.withoutIds());
      assertThat(three.report(ABROAD, receipt())).isEqualTo(DispatchOutcome.Done.withoutIds());
      assertThat(three.forward(DEFAULT, message("wamid.default"), List.of()))
          .isEqualTo(DispatchOutcome.Done.withoutIds());
      assertThat(three.answer(ABROAD, choice())).isEqualTo(DispatchOutcome.Done.withoutIds());

      assertThat(genesys.requestsTo("/inbound/open/message"))
          .extracting(Request::path, r -> r.header("Authorization"))
          .containsExactly(
              tuple(
                  "/api/v2/conversations/messages/" + SECOND_INTEGRATION + "/inbound/open/message",
                  "Bearer stub-token-1"),
              tuple(MESSAGE_PATH, "Bearer stub-token-1"));
      assertThat(abroad.requestsTo("/inbound/open/receipt"))
          .extracting(Request::path, r -> r.header("Authorization"))
          .containsExactly(
              tuple(
                  "/api/v2/conversations/messages/" + ABROAD_INTEGRATION + "/inbound/open/receipt",
                  "Bearer abroad-token-1"));
      assertThat(abroad.requestsTo("/inbound/open/structured/response"))
          .extracting(Request::path)
          .containsExactly(
              "/api/v2/conversations/messages/"
                  + ABROAD_INTEGRATION
                  + "/inbound/open/structured/response");
      assertThat(genesys.requestsTo("/inbound/open/receipt")).isEmpty();
      assertThat(abroad.requestsTo("/inbound/open/message")).isEmpty();
      assertThat(only(abroad.requestsTo(TOKEN_PATH)).header("Authorization"))
          .isEqualTo(basic(ABROAD_CLIENT_ID, ABROAD_CLIENT_SECRET));
    }
  }

  @Test
  void tokens_are_cached_per_oauth_client_one_request_each() {
    try (StubGenesys abroad = new StubGenesys("abroad");
        GenesysOpenMessagingContactCenter three = threeConnections(abroad)) {

      for (int i = 0; i < 3; i++) {
        three.forward(DEFAULT, message("wamid.d" + i), List.of());
        three.forward(SECOND, message("wamid.s" + i), List.of());
        three.forward(ABROAD, message("wamid.a" + i), List.of());
      }

      assertThat(only(genesys.requestsTo(TOKEN_PATH)).header("Authorization"))
          .isEqualTo(basic(StubGenesys.CLIENT_ID, StubGenesys.CLIENT_SECRET));
      assertThat(only(abroad.requestsTo(TOKEN_PATH)).header("Authorization"))
          .isEqualTo(basic(ABROAD_CLIENT_ID, ABROAD_CLIENT_SECRET));
      assertThat(genesys.requestsTo("/inbound/open/message"))
          .hasSize(6)
          .extracting(r -> r.header("Authorization"))
          .containsOnly("Bearer stub-token-1");
      assertThat(abroad.requestsTo("/inbound/open/message"))
          .hasSize(3)
          .extracting(r -> r.header("Authorization"))
          .containsOnly("Bearer abroad-token-1");
    }
  }

  @Test
  void a_401_renews_the_token_of_that_client_only() {
    try (StubGenesys abroad = new StubGenesys("abroad");
        GenesysOpenMessagingContactCenter three = threeConnections(abroad)) {
      three.forward(DEFAULT, message("wamid.d0"), List.of());
      three.forward(ABROAD, message("wamid.a0"), List.of());
      abroad.next("/inbound/open/message", Answer.json(401, "{\"message\":\"token revoked\"}"));

      assertThat(three.forward(ABROAD, message("wamid.a1"), List.of()))
          .isInstanceOf(DispatchOutcome.Done.class);
      three.forward(SECOND, message("wamid.s0"), List.of());

      assertThat(abroad.requestsTo(TOKEN_PATH)).hasSize(2);
      assertThat(genesys.requestsTo(TOKEN_PATH)).hasSize(1);
    }
  }

  @Test
  void a_connection_without_an_integration_is_refused_without_a_call() {
    ConnectionId nowhere = new ConnectionId("nowhere");

    List<DispatchOutcome> outcomes =
        List.of(
            center.forward(nowhere, message("wamid.lost"), List.of()),
            center.answer(nowhere, choice()),
            center.report(nowhere, receipt()));

    assertThat(outcomes)
        .allSatisfy(
            outcome -> {
              assertThat(outcome).isInstanceOf(DispatchOutcome.Refused.class);
              assertThat(((DispatchOutcome.Refused) outcome).failure().message())
                  .contains("nowhere");
            });
    assertThat(genesys.requests()).isEmpty();
  }

  @Test
  void genesys_takes_attachments_of_up_to_25_mb() {
    assertThat(center.largestAttachment()).isEqualTo(25L * 1024 * 1024);
  }

  // ------------------------------------------------------------------ helpers

  private static InboundMessage message(String wamid) {
    return new InboundMessage(
        wamid,
        new Customer(CustomerId.phone("16505551234"), "Sheena Nelson"),
        null,
        Instant.parse("2025-06-10T21:03:05Z"),
        new InboundContent.Text("hello"));
  }

  private static InboundMessage media(String wamid, InboundContent content) {
    return new InboundMessage(
        wamid,
        new Customer(CustomerId.phone("16505551234"), "Sheena Nelson"),
        null,
        Instant.parse("2025-06-10T21:03:05Z"),
        content);
  }

  private static ReplyChoice choice() {
    return new ReplyChoice(
        "c0ffee00c0ffee00c0ffee00c0ffee01",
        new Customer(CustomerId.phone("16505551234"), "Sheena Nelson"),
        new QuickReply("Blue", "colour-blue"),
        "wamid.TAP",
        Instant.parse("2025-06-10T21:08:01.25Z"));
  }

  private static DeliveryReceipt receipt() {
    return DeliveryReceipt.delivered(
        "5f1f3ae8c6b4a2f9e0d7c1b3a5e9f201",
        CustomerId.phone("+16505551234"),
        Instant.parse("2025-06-10T21:05:44Z"));
  }

  private static String reasonOf(DispatchOutcome outcome) {
    if (outcome instanceof DispatchOutcome.RetryLater retry) {
      return retry.reason();
    }
    if (outcome instanceof DispatchOutcome.Refused refused) {
      return refused.failure().message();
    }
    return "";
  }

  private static String basic(String clientId, String clientSecret) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
  }

  private static Request only(List<Request> requests) {
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  private static JsonNode json(Request request) {
    try {
      return Fixtures.json().readValue(request.body(), JsonNode.class);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + request.text(), e);
    }
  }

  private static List<String> keys(JsonNode node) {
    assertThat(node.isObject()).as("a JSON object").isTrue();
    return StreamSupport.stream(node.entries().spliterator(), false)
        .map(Map.Entry::getKey)
        .toList();
  }
}
