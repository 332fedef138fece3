package dev.switchboard.adapters.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Decoded;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.message.MediaKind;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import dev.switchboard.domain.message.QuickReply;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GenesysWebhookDecoderTest {

  private static final Instant NOW = Instant.parse("2025-06-10T22:00:00Z");
  private static final WebhookSource DEFAULT_SOURCE =
      WebhookSource.of("genesys", ConnectionId.DEFAULT);

  private final GenesysWebhookDecoder decoder =
      new GenesysWebhookDecoder(Fixtures.json(), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void decodes_genesys_webhooks() {
    assertThat(decoder.source()).isEqualTo("genesys");
  }

  @Test
  void events_happen_on_the_connection_the_webhooks_address_named() {
    WebhookSource second = WebhookSource.of("genesys", new ConnectionId("second"));

    Decoded message = decoder.decode(second, Fixtures.genesys("text.json"));
    Decoded typing = decoder.decode(second, Fixtures.genesys("event-typing.json"));

    assertThat(message.events()).singleElement().isInstanceOf(ChannelEvent.AgentMessage.class);
    assertThat(typing.events()).singleElement().isInstanceOf(ChannelEvent.AgentTyping.class);
    assertThat(List.of(message.events().get(0), typing.events().get(0)))
        .extracting(ChannelEvent::connection)
        .containsOnly(new ConnectionId("second"));
    assertThat(decode("text.json").events())
        .singleElement()
        .extracting(ChannelEvent::connection)
        .isEqualTo(ConnectionId.DEFAULT);
  }

  @Test
  void a_webhook_that_names_no_connection_is_unusable() {
    Decoded decoded = decoder.decode(WebhookSource.of("genesys"), Fixtures.genesys("text.json"));

    assertUnusable(decoded, "no connection");
  }

  @Test
  void text_to_a_phone_becomes_an_agent_message_at_the_channel_time() {
    ChannelEvent.AgentMessage event = onlyAgentMessage(decode("text.json"));

    OutboundMessage message = event.message();
    assertThat(message.contactCenterMessageId()).isEqualTo("5f1f3ae8c6b4a2f9e0d7c1b3a5e9f201");
    assertThat(message.recipient()).isEqualTo(CustomerId.phone("+16505551234"));
    assertThat(message.content()).isEqualTo(new OutboundContent.Text("Yes, it comes in blue."));
    assertThat(event.occurredAt()).isEqualTo(Instant.parse("2025-06-10T21:05:41.123Z"));
  }

  @Test
  void text_to_an_opaque_id_keeps_the_id_and_the_exact_text() {
    ChannelEvent.AgentMessage event = onlyAgentMessage(decode("text-opaque.json"));

    assertThat(event.message().recipient()).isEqualTo(CustomerId.opaque("US.13491208655302741918"));
    assertThat(event.message().content())
        .isEqualTo(
            new OutboundContent.Text(
                "Thanks for waiting \u2014 your order ships today \uD83D\uDCE6"));
  }

  @Test
  void structured_with_three_quick_replies_becomes_quick_replies_in_order() {
    ChannelEvent.AgentMessage event = onlyAgentMessage(decode("structured-quick-replies.json"));

    assertThat(event.message().contactCenterMessageId())
        .isEqualTo("c0ffee00c0ffee00c0ffee00c0ffee01");
    assertThat(event.message().content())
        .isEqualTo(
            new OutboundContent.QuickReplies(
                "Which colour would you like?",
                List.of(
                    new QuickReply("Blue", "colour-blue"),
                    new QuickReply("Green", "colour-green"),
                    new QuickReply("Red", "colour-red"))));
    assertThat(event.occurredAt()).isEqualTo(Instant.parse("2025-06-10T21:07:15.500Z"));
  }

  @Test
  void structured_with_two_quick_replies_keeps_their_texts_and_payloads() {
    assertThat(onlyAgentMessage(decode("structured-quick-replies-2.json")).message().content())
        .isEqualTo(
            new OutboundContent.QuickReplies(
                "Do you want to proceed?",
                List.of(new QuickReply("Yes", "yes-payload"), new QuickReply("No", "no-payload"))));
  }

  @Test
  void structured_with_five_quick_replies_keeps_all_five_in_order() {
    OutboundContent content =
        onlyAgentMessage(decode("structured-quick-replies-5.json")).message().content();

    assertThat(content).isInstanceOf(OutboundContent.QuickReplies.class);
    OutboundContent.QuickReplies replies = (OutboundContent.QuickReplies) content;
    assertThat(replies.text()).isEqualTo("Which colour?");
    assertThat(replies.options())
        .extracting(QuickReply::title)
        .containsExactly("Red", "Green", "Blue", "Black", "White");
    assertThat(replies.options())
        .extracting(QuickReply::payload)
        .containsExactly(
            "colour-red", "colour-green", "colour-blue", "colour-black", "colour-white");
  }

  @Test
  void structured_with_twelve_quick_replies_keeps_all_twelve_for_the_channel_to_number() {
    OutboundContent content =
        onlyAgentMessage(decode("structured-quick-replies-12.json")).message().content();

    OutboundContent.QuickReplies replies = (OutboundContent.QuickReplies) content;
    assertThat(replies.text()).isEqualTo("Pick a month");
    assertThat(replies.options()).hasSize(12);
    assertThat(replies.options().get(0)).isEqualTo(new QuickReply("January", "month-01"));
    assertThat(replies.options().get(11)).isEqualTo(new QuickReply("December", "month-12"));
  }

  @Test
  void structured_with_quick_replies_but_no_text_offers_them_without_a_question() {
    assertThat(onlyAgentMessage(decode("structured-without-text.json")).message().content())
        .isEqualTo(new OutboundContent.QuickReplies("", List.of(new QuickReply("Yes", "yes"))));
  }

  @Test
  void an_image_attachment_without_text_becomes_media_without_caption() {
    OutboundMessage message = onlyAgentMessage(decode("attachment-image.json")).message();

    assertThat(message.contactCenterMessageId()).isEqualTo("b2b2b2b2b2b2b2b2b2b2b2b2b2b2b201");
    assertThat(message.recipient()).isEqualTo(CustomerId.phone("+16505551234"));
    assertThat(message.content()).isEqualTo(image(null));
  }

  @Test
  void a_file_attachment_becomes_a_document_with_the_text_as_caption() {
    assertThat(onlyAgentMessage(decode("attachment-file.json")).message().content())
        .isEqualTo(invoice("Here is your invoice."));
  }

  @Test
  void several_attachments_become_a_sequence_with_the_text_on_the_first() {
    assertThat(onlyAgentMessage(decode("attachments-several.json")).message().content())
        .isEqualTo(
            new OutboundContent.Sequence(
                List.of(
                    image("The photo, the invoice and a how-to video."),
                    invoice(null),
                    new OutboundContent.Media(
                        MediaKind.VIDEO,
                        "https://api-downloads.mypurecloud.com/api/v2/downloads/pc0howto",
                        "video/mp4",
                        null,
                        null))));
  }

  @Test
  void an_attachment_with_quick_replies_is_sent_before_them_and_the_text_asks_the_question() {
    assertThat(
            onlyAgentMessage(decode("structured-attachment-quick-replies.json"))
                .message()
                .content())
        .isEqualTo(
            new OutboundContent.Sequence(
                List.of(
                    image(null),
                    new OutboundContent.QuickReplies(
                        "Is this the one?",
                        List.of(new QuickReply("Yes", "yes"), new QuickReply("No", "no"))))));
  }

  @Test
  void a_notification_becomes_a_template_with_namespace_name_language_and_parameters() {
    OutboundContent content =
        onlyAgentMessage(decode("notification-template.json")).message().content();

    assertThat(content)
        .isEqualTo(
            new OutboundContent.Template(
                "acme_ns", "order_update", "en_US", List.of("Happy", "A-1009"), null));
    assertThat(content.isTemplate()).isTrue();
  }

  @Test
  void a_notification_with_a_media_header_keeps_the_header() {
    assertThat(onlyAgentMessage(decode("notification-template-header.json")).message().content())
        .isEqualTo(
            new OutboundContent.Template(
                "acme_ns",
                "shipping_label",
                "de",
                List.of("A-1009"),
                new OutboundContent.Media(
                    MediaKind.IMAGE,
                    "https://api-downloads.mypurecloud.com/api/v2/downloads/pc0label",
                    "image/jpeg",
                    null,
                    null)));
  }

  @Test
  void a_notification_with_a_bare_name_has_no_namespace() {
    assertThat(onlyAgentMessage(decode("notification-template-bare-name.json")).message().content())
        .isEqualTo(new OutboundContent.Template(null, "welcome_back", "en", List.of(), null));
  }

  @Test
  void a_notification_without_a_language_cannot_be_carried_and_says_so() {
    assertUncarried(decode("notification-template-without-language.json"), "without a language");
  }

  @Test
  void a_receipt_of_what_the_bridge_sent_is_nothing_to_act_on_and_no_problem() {
    assertNothing(decode("receipt.json"));
  }

  @Test
  void a_failed_receipt_of_a_forwarded_message_reports_it_failed_with_the_genesys_reason() {
    Decoded decoded = decode("receipt-inbound-failed.json");

    assertThat(decoded.problems()).isEmpty();
    ChannelEvent.ForwardReported report = (ChannelEvent.ForwardReported) decoded.events().get(0);
    assertThat(decoded.events()).hasSize(1);
    assertThat(report.connection()).isEqualTo(ConnectionId.DEFAULT);
    assertThat(report.messageIds())
        .as("the id the bridge forwarded it under first, then Genesys' own")
        .containsExactly(
            "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQ3RjIxQjM0QTVDNkQ3RThGOTAxMgA=",
            "1f0e6e5c4b3a29180716f5e4d3c2b1a0");
    assertThat(report.failed()).isTrue();
    assertThat(report.failure().code()).isEqualTo("DataFiltered");
    assertThat(report.failure().description()).contains("data filter rule");
    assertThat(report.customer().value()).isEqualTo("+16505551234");
    assertThat(report.occurredAt()).isEqualTo(Instant.parse("2025-06-10T21:04:11.412Z"));
  }

  @Test
  void a_delivered_receipt_of_a_forwarded_message_reports_it_delivered() {
    Decoded decoded = decode("receipt-inbound-delivered.json");

    assertThat(decoded.events())
        .singleElement()
        .isInstanceOfSatisfying(
            ChannelEvent.ForwardReported.class,
            report -> {
              assertThat(report.failed()).isFalse();
              assertThat(report.messageIds().get(0)).startsWith("wamid.");
            });
  }

  @Test
  void a_receipt_of_another_status_or_naming_no_message_is_nothing_to_act_on() {
    assertNothing(
        decoder.decode(
            DEFAULT_SOURCE,
            "{\"type\":\"Receipt\",\"status\":\"Sent\",\"direction\":\"Inbound\",\"id\":\"x\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertNothing(
        decoder.decode(
            DEFAULT_SOURCE,
            "{\"type\":\"Receipt\",\"status\":\"Failed\",\"direction\":\"Inbound\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void a_typing_event_becomes_agent_typing_for_the_customer_at_the_channel_time() {
    Decoded decoded = decode("event-typing.json");

    assertThat(decoded.problems()).isEmpty();
    assertThat(decoded.events())
        .containsExactly(
            new ChannelEvent.AgentTyping(
                ConnectionId.DEFAULT,
                CustomerId.phone("+16505551234"),
                Instant.parse("2025-06-10T21:05:30.000Z")));
  }

  @Test
  void a_typing_off_event_is_nothing_to_send_and_no_problem() {
    assertNothing(decode("event-typing-off.json"));
  }

  @Test
  void a_message_not_going_outbound_is_ignored() {
    assertNothing(decode("inbound-direction.json"));
  }

  @Test
  void unknown_fields_everywhere_do_not_matter() {
    ChannelEvent.AgentMessage event = onlyAgentMessage(decode("unknown-fields.json"));

    assertThat(event.message().content())
        .isEqualTo(new OutboundContent.Text("Unknown fields must never stop this."));
    assertThat(event.message().recipient()).isEqualTo(CustomerId.phone("+16505551234"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"time-missing.json", "time-unreadable.json"})
  void without_a_readable_time_the_message_happened_now(String fixture) {
    ChannelEvent.AgentMessage event = onlyAgentMessage(decode(fixture));

    assertThat(event.occurredAt()).isEqualTo(NOW);
  }

  @Test
  void not_json_is_unusable() {
    assertUnusable(decode("malformed-not-json.txt"), "not JSON");
  }

  @Test
  void a_json_array_is_unusable() {
    assertUnusable(decode("malformed-array.json"), "not a JSON object");
  }

  @Test
  void a_message_without_id_is_unusable() {
    assertUnusable(decode("malformed-no-id.json"), "without id");
  }

  @Test
  void a_message_without_recipient_is_unusable() {
    assertUnusable(decode("malformed-no-recipient.json"), "channel.to.id");
  }

  @Test
  void text_without_text_is_an_empty_message_for_the_send_policy_to_refuse() {
    assertThat(onlyAgentMessage(decode("malformed-text-without-text.json")).message().content())
        .isEqualTo(new OutboundContent.Text(""));
  }

  @Test
  void a_phone_recipient_that_is_no_number_cannot_be_carried_and_the_reason_does_not_repeat_it() {
    Decoded decoded = decode("malformed-bad-phone.json");

    String what = assertUncarried(decoded, "not a phone number");
    assertThat(what).doesNotContain("not-a-number");
    assertThat(onlyAgentMessage(decoded).message().recipient())
        .isEqualTo(CustomerId.opaque("not-a-number"));
  }

  @Test
  void fields_of_the_wrong_json_type_are_unusable() {
    assertUnusable(decode("malformed-wrong-shape.json"), "shape");
  }

  @Test
  void an_unknown_message_type_cannot_be_carried_and_is_named() {
    assertUncarried(decode("unknown-type.json"), "Hologram");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "null", "42", "\"a string\"", "{}", "{\"type\":\"Text\"}"})
  void odd_bodies_are_unusable_never_an_exception(String body) {
    Decoded decoded = decoder.decode(DEFAULT_SOURCE, body.getBytes(StandardCharsets.UTF_8));

    assertThat(decoded.events()).isEmpty();
    assertThat(decoded.problems()).hasSize(1);
  }

  private static OutboundContent.Media image(String caption) {
    return new OutboundContent.Media(
        MediaKind.IMAGE,
        "https://api-downloads.mypurecloud.com/api/v2/downloads/pce9ac7dc17eab202a3",
        "image/png",
        "Header.png",
        caption);
  }

  private static OutboundContent.Media invoice(String caption) {
    return new OutboundContent.Media(
        MediaKind.DOCUMENT,
        "https://api-downloads.mypurecloud.com/api/v2/downloads/pc0invoice2026",
        "application/pdf",
        "invoice-2026.pdf",
        caption);
  }

  private Decoded decode(String fixture) {
    return decoder.decode(DEFAULT_SOURCE, Fixtures.genesys(fixture));
  }

  private static ChannelEvent.AgentMessage onlyAgentMessage(Decoded decoded) {
    assertThat(decoded.problems()).isEmpty();
    assertThat(decoded.events()).hasSize(1);
    assertThat(decoded.events().get(0)).isInstanceOf(ChannelEvent.AgentMessage.class);
    return (ChannelEvent.AgentMessage) decoded.events().get(0);
  }

  private static void assertNothing(Decoded decoded) {
    assertThat(decoded.events()).isEmpty();
    assertThat(decoded.problems()).isEmpty();
  }

  /** The message is an agent message whose content says what it cannot carry; returns that. */
  private static String assertUncarried(Decoded decoded, String what) {
    OutboundContent content = onlyAgentMessage(decoded).message().content();
    assertThat(content).isInstanceOf(OutboundContent.Unsupported.class);
    assertThat(((OutboundContent.Unsupported) content).what()).contains(what);
    return ((OutboundContent.Unsupported) content).what();
  }

  private static void assertUnusable(Decoded decoded, String problem) {
    assertThat(decoded.events()).isEmpty();
    assertThat(decoded.problems()).singleElement().asString().contains(problem);
  }
}
