package dev.switchboard.adapters.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Decoded;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.message.MediaKind;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundContent.TemplateButton;
import dev.switchboard.domain.message.OutboundContent.TemplateButton.ButtonKind;
import dev.switchboard.domain.message.QuickReply;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What an agent sends reaches the customer whole or not at all: cards, carousels and templates in
 * full are mapped; an element the bridge does not map makes the whole message one it cannot carry,
 * named, so that the agent is told.
 */
class AgentContentFidelityTest {

  private static final WebhookSource SOURCE = WebhookSource.of("genesys", ConnectionId.DEFAULT);

  private final GenesysWebhookDecoder decoder =
      new GenesysWebhookDecoder(
          Fixtures.json(), Clock.fixed(Instant.parse("2025-06-10T22:00:00Z"), ZoneOffset.UTC));

  private static String message(String to, String type, String text, String content) {
    return """
        {"id": "gen-1", "channel": {"to": %s, "time": "2025-06-10T21:00:00.000Z"},
         "type": "%s", %s "content": [%s], "direction": "Outbound"}
        """
        .formatted(to, type, text == null ? "" : "\"text\": \"" + text + "\",", content);
  }

  private static String structured(String text, String content) {
    return message(
        "{\"id\": \"+16505551234\", \"idType\": \"Phone\"}", "Structured", text, content);
  }

  private ChannelEvent.AgentMessage decode(String body) {
    Decoded decoded = decoder.decode(SOURCE, body.getBytes(StandardCharsets.UTF_8));
    assertThat(decoded.problems()).isEmpty();
    assertThat(decoded.events()).singleElement().isInstanceOf(ChannelEvent.AgentMessage.class);
    return (ChannelEvent.AgentMessage) decoded.events().get(0);
  }

  private OutboundContent contentOf(String body) {
    return decode(body).message().content();
  }

  private static final String CARD =
      """
      {"contentType": "Card", "card": {"title": "Premium plan",
        "description": "Unlimited calls", "image": "https://api.mypurecloud.com/d/card.png",
        "actions": [{"type": "Postback", "text": "Choose it", "payload": "plan-premium"},
                    {"type": "Postback", "text": "Not now"}]}}
      """;

  @Test
  void a_card_keeps_its_image_title_description_and_postbacks_after_the_text() {
    OutboundContent content = contentOf(structured("Our best offer", CARD));

    assertThat(content)
        .isEqualTo(
            new OutboundContent.Sequence(
                List.of(
                    new OutboundContent.Text("Our best offer"),
                    new OutboundContent.Card(
                        "Premium plan",
                        "Unlimited calls",
                        new OutboundContent.Media(
                            MediaKind.IMAGE,
                            "https://api.mypurecloud.com/d/card.png",
                            "",
                            null,
                            null),
                        List.of(
                            QuickReply.postback("Choose it", "plan-premium"),
                            QuickReply.postback("Not now", "Not now")),
                        List.of()))));
  }

  @Test
  void a_link_action_becomes_a_link() {
    OutboundContent content =
        contentOf(
            structured(
                null,
                """
                {"contentType": "Card", "card": {"title": "Track your parcel",
                  "actions": [{"type": "Link", "text": "Track", "url": "https://t.example/A-1"}]}}
                """));

    assertThat(content)
        .isEqualTo(
            new OutboundContent.Card(
                "Track your parcel",
                null,
                null,
                List.of(),
                List.of(new OutboundContent.Link("Track", "https://t.example/A-1"))));
  }

  @Test
  void a_carousel_becomes_its_cards_in_order() {
    OutboundContent content =
        contentOf(
            structured(
                null,
                """
                {"contentType": "Carousel", "carousel": {"cards": [
                  {"title": "One", "actions": [{"type": "Postback", "text": "A", "payload": "a"}]},
                  {"title": "Two", "actions": [{"type": "Postback", "text": "B", "payload": "b"}]}]}}
                """));

    assertThat(((OutboundContent.Sequence) content).parts())
        .extracting(part -> ((OutboundContent.Card) part).title())
        .containsExactly("One", "Two");
  }

  @Test
  void text_with_a_date_picker_cannot_be_carried_and_names_the_element() {
    OutboundContent content =
        contentOf(
            structured(
                "Pick a time",
                """
                {"contentType": "DatePicker", "datePicker": {"title": "Pick a time",
                 "availableTimes": [{"dateTime": "2027-01-05T10:00:00.000Z", "duration": 1800}]}}
                """));

    assertThat(content).isEqualTo(new OutboundContent.Unsupported("a DatePicker content element"));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"contentType\": \"ListPicker\", \"listPicker\": {}}|a ListPicker content element",
        "{\"contentType\": \"Attachment\", \"attachment\": {\"mediaType\": \"Image\"}}|an Attachment"
            + " without a URL",
        "{\"contentType\": \"Card\", \"card\": {\"title\": \"T\", \"actions\": [{\"type\":"
            + " \"Phone\", \"text\": \"Call\"}]}}|a card action of type Phone",
        "{\"contentType\": \"Card\", \"card\": {\"title\": \"T\", \"video\":"
            + " \"https://x/v.mp4\"}}|a Card with a video",
        "{\"contentType\": \"Carousel\", \"carousel\": {\"cards\": []}}|a Carousel without cards",
        "{\"text\": \"no type\"}|a content element without a contentType"
      })
  void an_element_it_cannot_carry_makes_the_whole_message_unsupported(String element, String what) {
    assertThat(contentOf(structured("Hello", element)))
        .isEqualTo(new OutboundContent.Unsupported(what));
  }

  @Test
  void a_template_keeps_header_media_body_and_button_parameters() {
    OutboundContent content =
        contentOf(
            structured(
                "Order A-1009 is on its way",
                """
                {"contentType": "Notification", "template": {"id": "acme_ns@order_label",
                 "language": "en_US",
                 "header": {"type": "Media", "media": {"mediaType": "Image", "mime": "image/png",
                            "url": "https://api.mypurecloud.com/d/hdr.png"}},
                 "body": {"text": "Order {{1}} is on its way",
                          "parameters": [{"name": "1", "text": "A-1009"}]},
                 "buttons": [{"type": "Url", "index": 0, "parameters": [{"name": "1", "text": "A-1009"}]},
                             {"type": "QuickReply", "index": 1, "parameters": [{"text": "stop"}]},
                             {"type": "PhoneNumber", "index": 2, "text": "Call us"}]}}
                """));

    assertThat(content)
        .isEqualTo(
            new OutboundContent.Template(
                "acme_ns",
                "order_label",
                "en_US",
                List.of("A-1009"),
                new OutboundContent.Media(
                    MediaKind.IMAGE,
                    "https://api.mypurecloud.com/d/hdr.png",
                    "image/png",
                    null,
                    null),
                List.of(),
                List.of(
                    new TemplateButton(0, ButtonKind.URL, "A-1009"),
                    new TemplateButton(1, ButtonKind.QUICK_REPLY, "stop"))));
  }

  @Test
  void a_template_with_a_text_header_keeps_its_parameters() {
    OutboundContent.Template template =
        (OutboundContent.Template)
            contentOf(
                structured(
                    null,
                    """
                    {"contentType": "Notification", "template": {"id": "welcome", "language": "en",
                     "header": {"type": "Text", "text": "Hi {{1}}", "parameters": [{"text": "Ana"}]}}}
                    """));

    assertThat(template.headerParameters()).containsExactly("Ana");
    assertThat(template.header()).isNull();
  }

  @Test
  void a_template_without_an_id_cannot_be_carried() {
    assertThat(
            contentOf(
                structured(
                    null,
                    "{\"contentType\": \"Notification\", \"template\": {\"language\": \"en\"}}")))
        .isEqualTo(new OutboundContent.Unsupported("a Notification template without an id"));
  }

  @Test
  void without_an_id_type_a_plus_and_digits_is_a_phone_number() {
    ChannelEvent.AgentMessage message =
        decode(message("{\"id\": \"+16505551234\"}", "Text", "Hello", ""));

    assertThat(message.message().recipient()).isEqualTo(CustomerId.phone("+16505551234"));
  }

  @Test
  void without_an_id_type_anything_else_is_a_user_id() {
    ChannelEvent.AgentMessage message =
        decode(message("{\"id\": \"US.13491208655302741918\"}", "Text", "Hello", ""));

    assertThat(message.message().recipient())
        .isEqualTo(CustomerId.opaque("US.13491208655302741918"));
  }

  @Test
  void an_unknown_message_type_is_still_an_agent_message_the_agent_hears_about() {
    ChannelEvent.AgentMessage message =
        decode(message("{\"id\": \"+16505551234\"}", "Hologram", "Hi", ""));

    assertThat(message.message().contactCenterMessageId()).isEqualTo("gen-1");
    assertThat(message.message().content())
        .isEqualTo(new OutboundContent.Unsupported("a Genesys message of type Hologram"));
  }
}
