package dev.switchboard.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Decoded;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.customer.ReplyRoute;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.MediaKind;
import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TelegramWebhookDecoderTest {

  private static final JsonMapper JSON = JsonMapper.createDefault();
  private static final ConnectionId CONNECTION = TestBots.SUPPORT;
  private static final WebhookSource SOURCE = WebhookSource.of("telegram", CONNECTION);
  private static final String ADA = "424242001";
  private static final Customer ADA_LOVELACE =
      new Customer(CustomerId.opaque(ADA), "Ada Lovelace", "@ada_l");

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final TelegramWebhookDecoder decoder = new TelegramWebhookDecoder(JSON, clock);

  @Test
  void decodes_telegram_webhooks() {
    assertThat(decoder.source()).isEqualTo("telegram").isEqualTo(TelegramWebhookDecoder.SOURCE);
  }

  // ---------------------------------------------------------------- text

  @Test
  void a_text_message_becomes_a_customer_message_keyed_by_chat_and_message_id() {
    Decoded decoded = decode("text_message.json");

    assertThat(decoded.problems()).isEmpty();
    ChannelEvent.CustomerMessage event = customerMessage(decoded);
    assertThat(event.connection()).isEqualTo(CONNECTION);
    assertThat(event.acknowledgement()).isNull();
    InboundMessage message = event.message();
    assertThat(message.channelMessageId()).isEqualTo("tg:424242001:1365");
    assertThat(message.sender()).isEqualTo(ADA_LOVELACE);
    assertThat(message.sender().id()).isInstanceOf(CustomerId.Opaque.class);
    assertThat(message.route()).isEqualTo(new ReplyRoute(ADA));
    assertThat(message.sentAt()).isEqualTo(Instant.ofEpochSecond(1749416383));
    assertThat(message.content())
        .isEqualTo(
            new InboundContent.Text(
                "Does it come in another colour? \u00e4\u00f6\u00e5 @ \ud83d\udc4d 50% off"
                    + " <b>a/b</b>"));
    assertThat(message.metadata()).isEmpty();
  }

  @Test
  void a_sender_without_a_name_is_shown_by_their_username() {
    InboundMessage message = single("username_only.json");

    assertThat(message.sender())
        .isEqualTo(new Customer(CustomerId.opaque("424242002"), "@grace_h", "@grace_h"));
  }

  @Test
  void a_sender_without_a_username_has_no_handle() {
    InboundMessage message = single("voice_message.json");

    assertThat(message.sender()).isEqualTo(new Customer(CustomerId.opaque(ADA), "Ada Lovelace"));
    assertThat(single("sticker_message.json").sender())
        .isEqualTo(new Customer(CustomerId.opaque(ADA), "Ada", null));
  }

  @Test
  void a_reply_and_a_forward_ride_in_the_metadata_and_leave_the_text_alone() {
    InboundMessage message = single("reply_and_forward.json");

    assertThat(message.content()).isEqualTo(new InboundContent.Text("see what Charles wrote"));
    assertThat(message.metadata())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("replyTo", "tg:424242001:5001", "forwarded", "true"));
  }

  // ---------------------------------------------------------------- media

  @Test
  void a_photo_is_its_largest_size_with_the_caption() {
    InboundMessage message = single("photo_with_caption.json");

    assertThat(message.content())
        .isEqualTo(
            new InboundContent.Media(
                MediaKind.IMAGE,
                "AgACAgIAAxkBAAIFVmhGbH0AAQ-large",
                "image/jpeg",
                null,
                null,
                "my receipt"));
  }

  @Test
  void without_file_sizes_the_largest_photo_is_the_one_with_the_most_pixels() {
    InboundMessage message = single("photo_without_sizes.json");

    assertThat(((InboundContent.Media) message.content()).mediaId())
        .isEqualTo("AgACAgIAAxkBAAIFV2-b");
  }

  @Test
  void a_document_keeps_its_file_name_and_media_type() {
    InboundMessage message = single("document_message.json");

    assertThat(message.content())
        .isEqualTo(
            new InboundContent.Media(
                MediaKind.DOCUMENT,
                "BQACAgQAAxkBAAIFWGhGbNMAAZ1-doc",
                "application/pdf",
                null,
                "Invoice 2025-06.pdf",
                "the invoice"));
  }

  @Test
  void a_document_without_a_media_type_is_an_octet_stream() {
    InboundMessage message = single("document_without_mime_type.json");

    assertThat(message.content())
        .isEqualTo(
            new InboundContent.Media(
                MediaKind.DOCUMENT,
                "BQACAgQAAxkBAAIFWWhGbNMAAZ1-bin",
                "application/octet-stream",
                null,
                null,
                null));
  }

  @Test
  void a_video_is_a_video_with_its_stated_media_type() {
    InboundMessage message = single("video_message.json");

    assertThat(message.content())
        .isEqualTo(
            new InboundContent.Media(
                MediaKind.VIDEO,
                "BAACAgIAAxkBAAIFWmhGbQ4AAR-video",
                "video/quicktime",
                null,
                "IMG_4512.MP4",
                null));
  }

  @Test
  void a_video_of_three_gigabytes_decodes_and_its_size_is_left_to_the_fetch() {
    InboundMessage message = single("huge_video.json");

    assertThat(message.content())
        .isEqualTo(
            new InboundContent.Media(
                MediaKind.VIDEO,
                "BAACAgIAAxkBAAIFW2hGbQ4AAR-huge",
                "video/mp4",
                null,
                "holiday.mp4",
                "all of it"));
  }

  @Test
  void an_audio_is_audio_with_its_file_name() {
    InboundMessage message = single("audio_message.json");

    assertThat(message.content())
        .isEqualTo(
            new InboundContent.Media(
                MediaKind.AUDIO,
                "CQACAgIAAxkBAAIFXGhGbT4AAY-audio",
                "audio/mp4",
                null,
                "jingle.m4a",
                null));
  }

  @Test
  void an_audio_without_a_media_type_is_mpeg() {
    InboundMessage message = single("audio_without_mime_type.json");

    assertThat(((InboundContent.Media) message.content()).mimeType()).isEqualTo("audio/mpeg");
  }

  @Test
  void a_voice_note_is_ogg_audio() {
    InboundMessage message = single("voice_message.json");

    assertThat(message.content())
        .isEqualTo(
            new InboundContent.Media(
                MediaKind.AUDIO,
                "AwACAgIAAxkBAAIFXmhGbVMAAY-voice",
                "audio/ogg",
                null,
                null,
                null));
  }

  @Test
  void stickers_are_webp_images_animated_tgs_or_webm_videos() {
    assertThat(single("sticker_message.json").content())
        .isEqualTo(
            new InboundContent.Media(
                MediaKind.STICKER,
                "CAACAgIAAxkBAAIFX2hGbWsAAY-sticker",
                "image/webp",
                null,
                null,
                null));
    assertThat(((InboundContent.Media) single("animated_sticker.json").content()).mimeType())
        .isEqualTo("application/x-tgsticker");
    assertThat(((InboundContent.Media) single("video_sticker.json").content()).mimeType())
        .isEqualTo("video/webm");
  }

  // ---------------------------------------------------------------- rendered as text

  @Test
  void a_location_is_a_readable_text_with_the_coordinates_and_a_maps_link() {
    InboundMessage message = single("location_message.json");

    assertThat(message.content())
        .isEqualTo(
            new InboundContent.Text(
                "[The customer shared a location]\n"
                    + "52.520008, 13.404954\n"
                    + "https://maps.google.com/?q=52.520008,13.404954"));
  }

  @Test
  void a_venue_is_a_location_with_its_name_and_address() {
    InboundMessage message = single("venue_message.json");

    assertThat(message.content())
        .isEqualTo(
            new InboundContent.Text(
                "[The customer shared a location]\n"
                    + "Big Ben\n"
                    + "London SW1A 0AA\n"
                    + "51.500729, -0.124625\n"
                    + "https://maps.google.com/?q=51.500729,-0.124625"));
  }

  @Test
  void a_live_location_is_shared_once_and_its_moves_are_not_forwarded() {
    InboundMessage shared = single("live_location.json");

    assertThat(((InboundContent.Text) shared.content()).body())
        .startsWith("[The customer shared a live location]\n48.858093, 2.294694");
    Decoded moved = decode("live_location_moved.json");
    assertThat(moved.events()).isEmpty();
    assertThat(moved.problems()).isEmpty();
  }

  @Test
  void a_contact_is_a_readable_text_with_the_name_and_number_as_shared() {
    InboundMessage message = single("contact_message.json");

    assertThat(message.content())
        .isEqualTo(
            new InboundContent.Text(
                "[The customer shared a contact]\nCharles Babbage\nPhone: +44 20 7946 0958"));
  }

  @Test
  void kinds_the_bridge_does_not_carry_become_a_text_saying_what_was_sent() {
    assertThat(single("poll_message.json").content())
        .isEqualTo(
            new InboundContent.Text("[The customer sent a poll, which the bridge does not carry]"));
    assertThat(single("dice_message.json").content())
        .isEqualTo(
            new InboundContent.Text("[The customer sent a dice, which the bridge does not carry]"));
    assertThat(single("video_note_message.json").content())
        .isEqualTo(
            new InboundContent.Text(
                "[The customer sent a video note, which the bridge does not carry]"));
  }

  @Test
  void a_kind_telegram_adds_later_is_named_and_its_caption_kept() {
    InboundMessage message = single("future_kind_message.json");

    assertThat(message.content())
        .isEqualTo(
            new InboundContent.Text(
                "[The customer sent a hologram, which the bridge does not carry]\nlook at this"));
  }

  // ---------------------------------------------------------------- edits

  @Test
  void an_edited_message_is_a_new_message_marked_edited() {
    Decoded decoded = decode("edited_message.json");

    assertThat(decoded.problems()).isEmpty();
    InboundMessage message = customerMessage(decoded).message();
    assertThat(message.channelMessageId()).isEqualTo("tg:424242001:1365:edited:1749416501");
    assertThat(message.content())
        .isEqualTo(new InboundContent.Text("(edited) Does it come in another color?"));
    assertThat(message.sentAt()).isEqualTo(Instant.ofEpochSecond(1749416501));
    assertThat(message.sender()).isEqualTo(ADA_LOVELACE);
    assertThat(message.route()).isEqualTo(new ReplyRoute(ADA));
    assertThat(message.metadata()).containsEntry("edits", "tg:424242001:1365");
  }

  @Test
  void an_edited_caption_is_marked_edited() {
    InboundMessage message = single("edited_photo_caption.json");

    assertThat(message.channelMessageId()).isEqualTo("tg:424242001:1366:edited:1749416502");
    assertThat(message.content())
        .isEqualTo(
            new InboundContent.Media(
                MediaKind.IMAGE,
                "AgACAgIAAxkBAAIFVmhGbH0AAQ-large",
                "image/jpeg",
                null,
                null,
                "(edited) my receipt, corrected"));
  }

  @Test
  void every_redelivery_of_an_update_gives_the_same_message_key() {
    byte[] body = Fixtures.telegram("edited_message.json");

    String first = customerMessage(decoder.decode(SOURCE, body)).message().channelMessageId();
    String again = customerMessage(decoder.decode(SOURCE, body)).message().channelMessageId();

    assertThat(again).isEqualTo(first);
  }

  // ---------------------------------------------------------------- taps

  @Test
  void a_tap_on_an_inline_button_answers_the_message_that_offered_it() {
    Decoded decoded = decode("callback_query.json");

    assertThat(decoded.problems()).isEmpty();
    ChannelEvent.CustomerMessage event = customerMessage(decoded);
    assertThat(event.acknowledgement()).isEqualTo("1822078861093587652");
    InboundMessage message = event.message();
    assertThat(message.channelMessageId()).isEqualTo("tg:callback:1822078861093587652");
    assertThat(message.sender()).isEqualTo(ADA_LOVELACE);
    assertThat(message.route()).isEqualTo(new ReplyRoute(ADA));
    assertThat(message.sentAt()).isEqualTo(clock.instant());
    assertThat(message.content())
        .isEqualTo(new InboundContent.ReplyTap("qr-1", "No thanks", "tg:424242001:5001"));
  }

  @Test
  void a_tap_on_a_message_without_its_keyboard_is_titled_by_its_data() {
    InboundMessage message = single("callback_query_without_markup.json");

    assertThat(message.content())
        .isEqualTo(new InboundContent.ReplyTap("qr-0", "qr-0", "tg:424242001:5002"));
  }

  // ---------------------------------------------------------------- ignored

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "group_message.json",
        "supergroup_message.json",
        "supergroup_malformed_message.json",
        "channel_post.json",
        "group_callback_query.json",
        "my_chat_member.json",
        "inline_query.json"
      })
  void updates_outside_private_chats_and_other_update_kinds_give_nothing(String fixture) {
    Decoded decoded = decode(fixture);

    assertThat(decoded.events()).isEmpty();
    assertThat(decoded.problems()).isEmpty();
  }

  // ---------------------------------------------------------------- lenient

  @Test
  void unknown_fields_everywhere_are_tolerated() {
    Decoded decoded = decode("unknown_fields.json");

    assertThat(decoded.problems()).isEmpty();
    assertThat(customerMessage(decoded).message().content())
        .isEqualTo(new InboundContent.Text("still readable"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"malformed_message.json", "malformed_photo.json", "message_without_from.json"})
  void a_malformed_message_is_a_problem_naming_the_update_without_its_content_or_people(
      String fixture) {
    Decoded decoded = decode(fixture);

    assertThat(decoded.events()).isEmpty();
    assertThat(decoded.problems())
        .singleElement()
        .satisfies(
            problem ->
                assertThat(problem)
                    .startsWith("update 86140")
                    .contains("message")
                    .doesNotContain("secret")
                    .doesNotContain("Ada")
                    .doesNotContain(ADA)
                    .doesNotContain("who sent this"));
  }

  @Test
  void a_body_that_is_not_an_update_is_unusable() {
    assertThat(decodeRaw("{").problems()).containsExactly("the body is not JSON");
    assertThat(decodeRaw("[1,2]").problems()).containsExactly("the body is not a JSON object");
    assertThat(decodeRaw("{\"message\":{}}").problems())
        .containsExactly("not a Telegram update: update_id is missing or not a number");
    assertThat(decodeRaw("{\"update_id\":1,\"message\":[]}").problems())
        .containsExactly("update 1: message is not an object");
  }

  @Test
  void an_update_without_its_connection_is_unusable() {
    Decoded decoded =
        decoder.decode(WebhookSource.of("telegram"), Fixtures.telegram("text_message.json"));

    assertThat(decoded.events()).isEmpty();
    assertThat(decoded.problems()).singleElement().asString().contains("no connection");
  }

  @Test
  void the_connection_of_the_address_is_the_connection_of_the_event() {
    Decoded decoded =
        decoder.decode(
            WebhookSource.of("telegram", TestBots.SALES), Fixtures.telegram("text_message.json"));

    assertThat(customerMessage(decoded).connection()).isEqualTo(TestBots.SALES);
  }

  // ---------------------------------------------------------------- helpers

  private Decoded decode(String fixture) {
    return decoder.decode(SOURCE, Fixtures.telegram(fixture));
  }

  private Decoded decodeRaw(String body) {
    return decoder.decode(SOURCE, body.getBytes(StandardCharsets.UTF_8));
  }

  private InboundMessage single(String fixture) {
    Decoded decoded = decode(fixture);
    assertThat(decoded.problems()).isEmpty();
    return customerMessage(decoded).message();
  }

  private static ChannelEvent.CustomerMessage customerMessage(Decoded decoded) {
    assertThat(decoded.events()).hasSize(1);
    assertThat(decoded.events().get(0)).isInstanceOf(ChannelEvent.CustomerMessage.class);
    return (ChannelEvent.CustomerMessage) decoded.events().get(0);
  }
}
