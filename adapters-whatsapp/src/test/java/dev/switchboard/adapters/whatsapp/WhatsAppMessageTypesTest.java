package dev.switchboard.adapters.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Decoded;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.MediaKind;
import io.micronaut.json.JsonMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every WhatsApp message type, from a fixture of its real webhook, to what the agent gets. */
class WhatsAppMessageTypesTest {

  private static final JsonMapper JSON = JsonMapper.createDefault();

  private final WhatsAppWebhookDecoder decoder =
      new WhatsAppWebhookDecoder(JSON, TestAccounts.both());

  // ---------------------------------------------------------------- media

  @Test
  void an_image_is_media_with_its_caption_and_the_base64_hash_as_hex() {
    InboundMessage message = single("image_message.json");

    assertThat(message.content())
        .isEqualTo(
            new InboundContent.Media(
                MediaKind.IMAGE,
                "1003383421387256",
                "image/jpeg",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                null,
                "Is this the blue one?"));
    assertThat(message.metadata()).isEmpty();
  }

  @Test
  void a_video_is_media_and_a_hex_hash_stays_hex() {
    assertThat(single("video_message.json").content())
        .isEqualTo(
            new InboundContent.Media(
                MediaKind.VIDEO,
                "1137813551078245",
                "video/mp4",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                null,
                "unboxing"));
  }

  @Test
  void an_audio_is_media() {
    assertThat(single("audio_message.json").content())
        .isEqualTo(
            new InboundContent.Media(
                MediaKind.AUDIO,
                "1210573950281219",
                "audio/mpeg",
                "28bd7153a856d1144d1f1041a5db2797743dace06713758c18403b08fea87aa2",
                null,
                null));
  }

  @Test
  void a_voice_note_is_audio_media_with_its_codec() {
    assertThat(single("voice_message.json").content())
        .isEqualTo(
            new InboundContent.Media(
                MediaKind.AUDIO,
                "777000222",
                "audio/ogg; codecs=opus",
                "d262aa53f3b3636c0263343cb9514d82a85f6208bcbb73ebdd18d880ad177fc1",
                null,
                null));
  }

  @Test
  void a_document_is_media_with_its_file_name_and_caption() {
    assertThat(single("document_message.json").content())
        .isEqualTo(
            new InboundContent.Media(
                MediaKind.DOCUMENT,
                "555000111",
                "application/pdf",
                "ea910f47b6bac58c07baf0fc4cf2f4cb3c253a5aaf59af0909d158610ccd19b9",
                "invoice-2026.pdf",
                "my invoice"));
  }

  @Test
  void a_sticker_is_media() {
    assertThat(single("sticker_message.json").content())
        .isEqualTo(
            new InboundContent.Media(
                MediaKind.STICKER,
                "1013859600285441",
                "image/webp",
                "68fd0788be467fa463e585cb6eb1d2c6f7d36655932b3f6f5815a6099dd5cbbb",
                null,
                null));
  }

  @Test
  void media_without_an_id_is_a_problem_that_names_the_wamid_only() {
    Decoded decoded = decode("media_without_id.json");

    assertThat(decoded.events()).isEmpty();
    assertThat(decoded.problems())
        .satisfiesExactly(
            p -> assertThat(p).contains("wamid.NOMEDIAID").contains("image.id"),
            p -> assertThat(p).contains("wamid.NOMEDIAOBJECT").contains("document object"));
    assertThat(String.join("\n", decoded.problems())).doesNotContain("lost");
  }

  @Test
  void a_hash_that_is_neither_hex_nor_base64_of_32_bytes_is_dropped() {
    assertThat(InboundContentRendering.hexSha256("abc=")).isNull();
    assertThat(InboundContentRendering.hexSha256("not a hash at all")).isNull();
    assertThat(InboundContentRendering.hexSha256(" ")).isNull();
    assertThat(
            InboundContentRendering.hexSha256(
                "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  // ---------------------------------------------------------------- as text

  @Test
  void a_location_shows_name_address_coordinates_and_a_maps_link() {
    assertThat(text(single("location_message.json")))
        .isEqualTo(
            "[The customer shared a location]\n"
                + "Philz Coffee\n"
                + "101 Forest Ave, Palo Alto, CA 94301\n"
                + "37.44221496582, -122.16165924072\n"
                + "https://maps.google.com/?q=37.44221496582,-122.16165924072\n"
                + "https://philzcoffee.com");
  }

  @Test
  void shared_contacts_show_names_organization_phones_and_emails() {
    assertThat(text(single("contacts_message.json")))
        .isEqualTo(
            "[The customer shared 2 contacts]\n"
                + "\n"
                + "Luc\u00eda G\u00f3mez\n"
                + "Lucky Shrub \u00b7 Manager\n"
                + "Phone: +1 (983) 555-2319 (mobile)\n"
                + "Phone: +1 650-555-0100 (work)\n"
                + "Email: lucia@example.com (work)\n"
                + "\n"
                + "Jo\n"
                + "Phone: +4915112345678");
  }

  @Test
  void a_reaction_shows_the_emoji_and_the_message_it_reacts_to() {
    assertThat(text(single("reaction_message.json")))
        .isEqualTo(
            "[The customer reacted with \ud83d\udc4d to message"
                + " wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA]");
  }

  @Test
  void a_removed_reaction_is_noted() {
    assertThat(text(single("reaction_removed.json")))
        .isEqualTo(
            "[The customer removed their reaction to message"
                + " wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA]");
  }

  @Test
  void an_order_lists_items_quantities_and_prices_and_the_customers_note() {
    assertThat(text(single("order_message.json")))
        .isEqualTo(
            "[The customer placed an order of 2 items from catalog 194836987003835]\n"
                + "- 2 \u00d7 di9ozbzfi4 at 30 USD each\n"
                + "- 1 \u00d7 nqryix03ez at 12.50 USD each\n"
                + "Note: Please gift-wrap");
  }

  @Test
  void a_system_message_shows_what_whatsapp_says() {
    assertThat(text(single("system_message.json")))
        .isEqualTo(
            "[WhatsApp notice] Sheena Nelson changed their phone number to a new number"
                + " 16505550000.");
  }

  @Test
  void an_unsupported_message_is_a_visible_note_naming_what_it_was() {
    assertThat(text(single("unsupported_message.json")))
        .isEqualTo(
            "[The customer sent a poll message, which WhatsApp does not support, so it cannot be"
                + " shown here]");
  }

  @Test
  void an_unknown_message_is_a_visible_note() {
    assertThat(text(single("unknown_message.json")))
        .isEqualTo(
            "[The customer sent a message that WhatsApp does not support, so it cannot be shown"
                + " here]");
  }

  // ---------------------------------------------------------------- replies

  @Test
  void a_reply_button_tap_is_a_reply_tap_on_the_message_that_offered_it() {
    InboundMessage message = single("button_reply.json");

    assertThat(message.content())
        .isEqualTo(new InboundContent.ReplyTap("qr-0", "Yes", "wamid.OFFER1"));
    assertThat(message.metadata()).containsEntry("replyTo", "wamid.OFFER1");
  }

  @Test
  void a_list_row_choice_is_a_reply_tap() {
    assertThat(single("list_reply.json").content())
        .isEqualTo(new InboundContent.ReplyTap("qr-2", "Blue", "wamid.OFFER2"));
  }

  @Test
  void a_tap_without_the_offering_message_is_the_title_as_text() {
    assertThat(single("button_reply_without_context.json").content())
        .isEqualTo(new InboundContent.Text("No"));
  }

  @Test
  void a_submitted_form_shows_its_answers() {
    assertThat(text(single("flow_reply.json")))
        .isEqualTo(
            "[The customer submitted a form: flow]\nSent\n{\"flow_token\":\"t\",\"size\":\"M\"}");
  }

  @Test
  void a_template_quick_reply_is_its_text_with_the_payload_kept_as_metadata() {
    InboundMessage message = single("template_button.json");

    assertThat(message.content()).isEqualTo(new InboundContent.Text("Yes"));
    assertThat(message.metadata())
        .containsEntry("buttonPayload", "yes-payload")
        .containsEntry("replyTo", "wamid.TEMPLATE1");
  }

  // ---------------------------------------------------------------- metadata

  @Test
  void the_ad_a_customer_came_from_is_kept_as_metadata() {
    InboundMessage message = single("referral_message.json");

    assertThat(message.content()).isEqualTo(new InboundContent.Text("I'd like to know more"));
    assertThat(message.metadata())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "referral.headline", "Spring sale",
                "referral.sourceUrl", "https://fb.me/3cr4Wqqkv",
                "referral.sourceType", "ad",
                "referral.sourceId", "120226305854810726",
                "referral.body", "Everything 20% off",
                "referral.ctwaClid",
                    "ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM"
                        + "-GABDLOPaOdRMXP"));
  }

  @Test
  void a_reply_to_an_earlier_message_keeps_its_words_and_names_the_quoted_one_in_metadata() {
    InboundMessage message = single("reply_context.json");

    assertThat(message.content()).isEqualTo(new InboundContent.Text("yes, that one"));
    assertThat(message.metadata()).isEqualTo(Map.of("replyTo", "wamid.QUOTED1"));
  }

  @Test
  void forwarded_messages_keep_their_words_and_are_noted_in_metadata() {
    List<InboundMessage> messages = all("forwarded_message.json");

    assertThat(messages.get(0).content()).isEqualTo(new InboundContent.Text("look at this"));
    assertThat(messages.get(0).metadata()).isEqualTo(Map.of("forwarded", "true"));
    assertThat(messages.get(1).content())
        .isEqualTo(
            new InboundContent.Media(
                MediaKind.IMAGE, "888000999", "image/jpeg", null, null, " see the colour "));
    assertThat(messages.get(1).metadata()).isEqualTo(Map.of("forwarded", "frequently"));
  }

  @Test
  void a_question_about_a_product_keeps_its_words_and_names_the_product_in_metadata() {
    InboundMessage message = single("product_inquiry.json");

    assertThat(message.content()).isEqualTo(new InboundContent.Text("Is this in stock?"));
    assertThat(message.metadata())
        .containsEntry("replyTo", "wamid.CATALOGMSG")
        .containsEntry("referredProduct.productRetailerId", "di9ozbzfi4");
  }

  // ---------------------------------------------------------------- helpers

  private Decoded decode(String fixture) {
    return decoder.decode(WebhookSource.of("whatsapp"), Fixtures.whatsapp(fixture));
  }

  private List<InboundMessage> all(String fixture) {
    Decoded decoded = decode(fixture);
    assertThat(decoded.problems()).isEmpty();
    return decoded.events().stream()
        .map(
            event -> {
              assertThat(event).isInstanceOf(ChannelEvent.CustomerMessage.class);
              return ((ChannelEvent.CustomerMessage) event).message();
            })
        .toList();
  }

  private InboundMessage single(String fixture) {
    List<InboundMessage> messages = all(fixture);
    assertThat(messages).hasSize(1);
    return messages.get(0);
  }

  private static String text(InboundMessage message) {
    assertThat(message.content()).isInstanceOf(InboundContent.Text.class);
    return ((InboundContent.Text) message.content()).body();
  }
}
