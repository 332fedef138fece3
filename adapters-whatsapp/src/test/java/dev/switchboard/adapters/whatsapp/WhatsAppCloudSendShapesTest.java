package dev.switchboard.adapters.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.pipeline.ChannelSend;
import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.MediaBytes;
import dev.switchboard.domain.message.MediaKind;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import dev.switchboard.domain.message.QuickReply;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Cloud API request of every kind of single send, against a local stub of the Graph API. */
class WhatsAppCloudSendShapesTest {

  private static final JsonMapper JSON = JsonMapper.createDefault();
  private static final String ACCEPTED = "{\"messages\":[{\"id\":\"wamid.OUT1\"}]}";
  private static final String GENESYS_URL = "https://api-downloads.mypurecloud.com/x/y.png";

  private StubGraphApi graph;
  private WhatsAppCloudMessagingChannel channel;

  @BeforeEach
  void start() {
    graph = new StubGraphApi().answer(200, ACCEPTED);
    channel =
        new WhatsAppCloudMessagingChannel(
            new WhatsAppSettings(
                "secret",
                "verify",
                null,
                null,
                graph.url(),
                "v26.0",
                Duration.ofSeconds(2),
                Duration.ofSeconds(5)),
            TestAccounts.defaultOnly(),
            JSON);
  }

  @AfterEach
  void stop() {
    channel.close();
    graph.close();
  }

  // ---------------------------------------------------------------- media

  @Test
  void an_image_is_sent_by_its_uploaded_id_with_its_caption() throws IOException {
    Map<String, Object> body =
        sentUploaded(media(MediaKind.IMAGE, "photo.png", "the blue one"), "1000001");

    assertThat(body)
        .containsEntry("messaging_product", "whatsapp")
        .containsEntry("to", "16505551234")
        .containsEntry("type", "image")
        .containsEntry("image", Map.of("id", "1000001", "caption", "the blue one"))
        .doesNotContainKeys("text", "video", "document");
  }

  @Test
  void a_video_carries_its_caption() throws IOException {
    assertThat(sentUploaded(media(MediaKind.VIDEO, "v.mp4", "watch"), "1000002"))
        .containsEntry("type", "video")
        .containsEntry("video", Map.of("id", "1000002", "caption", "watch"));
  }

  @Test
  void a_document_carries_its_file_name_and_caption() throws IOException {
    assertThat(sentUploaded(media(MediaKind.DOCUMENT, "invoice.pdf", "your invoice"), "1000003"))
        .containsEntry("type", "document")
        .containsEntry(
            "document",
            Map.of("id", "1000003", "caption", "your invoice", "filename", "invoice.pdf"));
  }

  @Test
  void audio_and_stickers_take_no_caption() throws IOException {
    assertThat(sentUploaded(media(MediaKind.AUDIO, "a.ogg", "ignored"), "1000004"))
        .containsEntry("type", "audio")
        .containsEntry("audio", Map.of("id", "1000004"));
    assertThat(sentUploaded(media(MediaKind.STICKER, "s.webp", "ignored"), "1000005"))
        .containsEntry("type", "sticker")
        .containsEntry("sticker", Map.of("id", "1000005"));
  }

  @Test
  void media_that_was_not_uploaded_cannot_be_sent() {
    assertThatThrownBy(() -> SendRequests.of(message(media(MediaKind.IMAGE, "p.png", null)), null))
        .isInstanceOfSatisfying(
            UnsendableMessage.class,
            unsendable ->
                assertThat(unsendable.failure().reason())
                    .isEqualTo(FailureReason.INVALID_MESSAGE_STRUCTURE));
  }

  @Test
  void the_bytes_are_uploaded_from_the_sending_number_before_the_send() throws IOException {
    sentUploaded(media(MediaKind.IMAGE, "photo.png", null), "1000009");

    assertThat(graph.requests())
        .extracting(r -> r.path())
        .containsExactly("/v26.0/106540352242922/media", "/v26.0/106540352242922/messages");
  }

  // ---------------------------------------------------------------- quick replies

  @Test
  void two_quick_replies_are_reply_buttons_with_ids_by_position() throws IOException {
    Map<String, Object> body = sent(replies("Do you want to proceed?", "Yes", "No"));

    assertThat(body).containsEntry("type", "interactive");
    assertThat(body.get("interactive"))
        .isEqualTo(
            Map.of(
                "type", "button",
                "body", Map.of("text", "Do you want to proceed?"),
                "action",
                    Map.of(
                        "buttons",
                        List.of(
                            button(QuickReply.idAt(0), "Yes"), button(QuickReply.idAt(1), "No")))));
  }

  @Test
  void one_and_three_quick_replies_are_buttons_too() throws IOException {
    assertThat(interactive(replies("Ok?", "Ok")).get("type")).isEqualTo("button");
    Map<String, Object> three =
        interactive(replies("Size?", "Small", "Medium", "Twenty chars exact!"));
    assertThat(three.get("type")).isEqualTo("button");
    assertThat(action(three).get("buttons")).asList().hasSize(3);
  }

  @Test
  void four_to_ten_quick_replies_are_a_list_of_rows_by_position() throws IOException {
    Map<String, Object> list =
        interactive(replies("Which colour?", "Red", "Green", "Blue", "Black"));

    assertThat(list)
        .isEqualTo(
            Map.of(
                "type", "list",
                "body", Map.of("text", "Which colour?"),
                "action",
                    Map.of(
                        "button",
                        "Choose",
                        "sections",
                        List.of(
                            Map.of(
                                "rows",
                                List.of(
                                    row("qr-0", "Red"),
                                    row("qr-1", "Green"),
                                    row("qr-2", "Blue"),
                                    row("qr-3", "Black")))))));
    String[] ten = IntStream.range(0, 10).mapToObj(i -> "Option " + i).toArray(String[]::new);
    assertThat(rows(interactive(replies("Pick", ten)))).hasSize(10);
  }

  @Test
  void a_title_too_long_for_a_button_makes_a_list() throws IOException {
    Map<String, Object> list = interactive(replies("When?", "Today", "Tomorrow morning, early"));

    assertThat(list.get("type")).isEqualTo("list");
    assertThat(rows(list))
        .containsExactly(row("qr-0", "Today"), row("qr-1", "Tomorrow morning, early"));
  }

  @Test
  void titles_that_are_the_same_make_a_list() throws IOException {
    assertThat(interactive(replies("Again?", "Yes", "Yes")).get("type")).isEqualTo("list");
  }

  @Test
  void a_title_too_long_for_a_row_is_shortened_and_given_whole_as_its_description()
      throws IOException {
    String longTitle = "Deliver to my office address in the city centre please";
    String longerStill = "x".repeat(100);
    Map<String, Object> list =
        interactive(replies("Where?", "Home", "Office", "Pickup", longTitle, longerStill));

    List<Map<String, Object>> rows = rows(list);
    assertThat(rows.get(3))
        .isEqualTo(
            Map.of(
                "id", "qr-3",
                "title", "Deliver to my office ad\u2026",
                "description", longTitle));
    assertThat((String) rows.get(3).get("title")).hasSize(24);
    assertThat((String) rows.get(4).get("description")).hasSize(72).endsWith("\u2026");
    assertThat(rows.get(0)).isEqualTo(row("qr-0", "Home"));
  }

  @Test
  void lengths_are_counted_in_code_points_not_halves_of_emoji() throws IOException {
    String emoji = "\ud83d\udc4d".repeat(20); // 20 code points, 40 chars

    Map<String, Object> buttons = interactive(replies("Rate us", emoji, "Meh"));

    assertThat(buttons.get("type")).isEqualTo("button");
  }

  @Test
  void a_blank_question_gets_a_default_and_a_long_one_is_shortened() throws IOException {
    assertThat(interactive(replies("  ", "A", "B")).get("body"))
        .isEqualTo(Map.of("text", "Please choose"));
    String question = "q".repeat(1500);
    String body =
        (String) ((Map<?, ?>) interactive(replies(question, "A")).get("body")).get("text");
    assertThat(body).hasSize(1024).endsWith("\u2026");
  }

  @Test
  void more_than_ten_quick_replies_are_refused_without_a_call() {
    String[] eleven = IntStream.range(0, 11).mapToObj(i -> "Option " + i).toArray(String[]::new);

    DispatchOutcome outcome = send(message(replies("Pick", eleven)));

    assertThat(refusal(outcome)).isEqualTo(FailureReason.INVALID_MESSAGE_STRUCTURE);
    assertThat(graph.requests()).isEmpty();
  }

  // ---------------------------------------------------------------- templates

  @Test
  void a_template_with_body_parameters_sends_name_language_and_parameters() throws IOException {
    Map<String, Object> body =
        sent(
            new OutboundContent.Template(
                "acme_ns", "order_update", "en_US", List.of("Happy", "A-1009"), null));

    assertThat(body).containsEntry("type", "template");
    assertThat(body.get("template"))
        .isEqualTo(
            Map.of(
                "name", "order_update",
                "language", Map.of("code", "en_US"),
                "components",
                    List.of(
                        Map.of(
                            "type",
                            "body",
                            "parameters",
                            List.of(
                                Map.of("type", "text", "text", "Happy"),
                                Map.of("type", "text", "text", "A-1009"))))));
  }

  @Test
  void a_template_without_parameters_has_no_components() throws IOException {
    Map<String, Object> body =
        sent(new OutboundContent.Template(null, "hello_world", "en_US", List.of(), null));

    assertThat(body.get("template"))
        .isEqualTo(Map.of("name", "hello_world", "language", Map.of("code", "en_US")));
  }

  @Test
  void a_template_with_a_media_header_sends_it_by_its_uploaded_id_before_the_body()
      throws IOException {
    OutboundContent.Media header =
        new OutboundContent.Media(
            MediaKind.DOCUMENT, GENESYS_URL, "application/pdf", "ticket.pdf", null);
    Map<String, Object> body =
        sentUploaded(
            new OutboundContent.Template("ns", "ticket", "de", List.of("Anna"), header), "2000001");

    assertThat(((Map<?, ?>) body.get("template")).get("components"))
        .isEqualTo(
            List.of(
                Map.of(
                    "type",
                    "header",
                    "parameters",
                    List.of(
                        Map.of(
                            "type",
                            "document",
                            "document",
                            Map.of("id", "2000001", "filename", "ticket.pdf")))),
                Map.of(
                    "type",
                    "body",
                    "parameters",
                    List.of(Map.of("type", "text", "text", "Anna")))));
    assertThat(graph.requests())
        .as("Meta never gets a Genesys URL")
        .noneSatisfy(
            r ->
                assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains(GENESYS_URL));
  }

  @Test
  void a_template_header_that_was_not_uploaded_or_is_audio_cannot_be_sent() {
    OutboundContent.Media image =
        new OutboundContent.Media(MediaKind.IMAGE, GENESYS_URL, "image/png", null, null);
    OutboundContent.Media audio =
        new OutboundContent.Media(MediaKind.AUDIO, GENESYS_URL, "audio/ogg", null, null);

    assertThatThrownBy(
            () ->
                SendRequests.of(
                    message(new OutboundContent.Template(null, "promo", "en", List.of(), image)),
                    null))
        .isInstanceOfSatisfying(
            UnsendableMessage.class,
            u ->
                assertThat(u.failure().reason())
                    .isEqualTo(FailureReason.INVALID_MESSAGE_STRUCTURE));
    assertThatThrownBy(
            () ->
                SendRequests.of(
                    message(new OutboundContent.Template(null, "t", "en", List.of(), audio)),
                    "4711"))
        .isInstanceOfSatisfying(
            UnsendableMessage.class,
            u -> assertThat(u.failure().reason()).isEqualTo(FailureReason.UNSUPPORTED_MESSAGE));
  }

  @Test
  void a_template_in_full_sends_header_text_body_url_suffix_and_quick_reply_payload()
      throws IOException {
    Map<String, Object> body =
        sent(
            new OutboundContent.Template(
                "acme_ns",
                "order_label",
                "en_US",
                List.of("A-1009"),
                null,
                List.of("Ana"),
                List.of(
                    new OutboundContent.TemplateButton(
                        0, OutboundContent.TemplateButton.ButtonKind.URL, "A-1009"),
                    new OutboundContent.TemplateButton(
                        1, OutboundContent.TemplateButton.ButtonKind.QUICK_REPLY, "stop"))));

    assertThat(((Map<?, ?>) body.get("template")).get("components"))
        .isEqualTo(
            List.of(
                Map.of(
                    "type", "header", "parameters", List.of(Map.of("type", "text", "text", "Ana"))),
                Map.of(
                    "type",
                    "body",
                    "parameters",
                    List.of(Map.of("type", "text", "text", "A-1009"))),
                Map.of(
                    "type", "button",
                    "sub_type", "url",
                    "index", "0",
                    "parameters", List.of(Map.of("type", "text", "text", "A-1009"))),
                Map.of(
                    "type", "button",
                    "sub_type", "quick_reply",
                    "index", "1",
                    "parameters", List.of(Map.of("type", "payload", "payload", "stop")))));
  }

  // ---------------------------------------------------------------- cards

  @Test
  void a_card_with_postbacks_is_reply_buttons_under_its_uploaded_image() throws IOException {
    OutboundContent.Card card =
        new OutboundContent.Card(
            "Premium plan",
            "Unlimited calls",
            new OutboundContent.Media(MediaKind.IMAGE, GENESYS_URL, "image/png", null, null),
            List.of(
                QuickReply.postback("Choose it", "plan-premium"),
                QuickReply.postback("A title far too long for a button", "later")),
            List.of());

    Map<String, Object> body = sentUploaded(card, "3000001");

    assertThat(body).containsEntry("type", "interactive");
    assertThat(body.get("interactive"))
        .isEqualTo(
            Map.of(
                "type", "button",
                "header", Map.of("type", "image", "image", Map.of("id", "3000001")),
                "body", Map.of("text", "Premium plan\nUnlimited calls"),
                "action",
                    Map.of(
                        "buttons",
                        List.of(
                            button("qr-0", "Choose it"),
                            button("qr-1", "A title far too lon\u2026")))));
  }

  @Test
  void a_card_with_one_link_is_a_cta_url_button() throws IOException {
    OutboundContent.Card card =
        new OutboundContent.Card(
            "Track your parcel",
            null,
            null,
            List.of(),
            List.of(new OutboundContent.Link("Track", "https://track.example.com/A-1009")));

    Map<String, Object> body = sent(card);

    assertThat(body.get("interactive"))
        .isEqualTo(
            Map.of(
                "type", "cta_url",
                "body", Map.of("text", "Track your parcel"),
                "action",
                    Map.of(
                        "name",
                        "cta_url",
                        "parameters",
                        Map.of(
                            "display_text", "Track", "url", "https://track.example.com/A-1009"))));
  }

  @Test
  void a_card_without_buttons_is_its_words_as_text() throws IOException {
    Map<String, Object> body =
        sent(new OutboundContent.Card("Opening hours", "9 to 5", null, List.of(), List.of()));

    assertThat(body)
        .containsEntry("text", Map.of("preview_url", false, "body", "Opening hours\n9 to 5"));
  }

  @Test
  void a_card_with_a_link_and_a_postback_is_refused_without_a_call() {
    OutboundContent.Card card =
        new OutboundContent.Card(
            "Both",
            null,
            null,
            List.of(QuickReply.postback("Yes", "y")),
            List.of(new OutboundContent.Link("Open", "https://example.com")));

    assertThat(refusal(send(message(card)))).isEqualTo(FailureReason.UNSUPPORTED_MESSAGE);
    assertThat(graph.requests()).isEmpty();
  }

  @Test
  void content_that_cannot_be_carried_is_refused_without_a_call() {
    DispatchOutcome outcome =
        send(message(new OutboundContent.Unsupported("a DatePicker content element")));

    assertThat(refusal(outcome)).isEqualTo(FailureReason.UNSUPPORTED_MESSAGE);
    assertThat(graph.requests()).isEmpty();
  }

  // ---------------------------------------------------------------- sequences

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void a_sequence_never_goes_out_as_one_send(int parts) {
    List<OutboundContent> contents = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      contents.add(new OutboundContent.Text("part " + i));
    }

    DispatchOutcome outcome = send(message(new OutboundContent.Sequence(contents)));

    assertThat(refusal(outcome)).isEqualTo(FailureReason.INVALID_MESSAGE_STRUCTURE);
    assertThat(graph.requests()).isEmpty();
  }

  // ---------------------------------------------------------------- helpers

  private static OutboundContent.Media media(MediaKind kind, String filename, String caption) {
    return new OutboundContent.Media(kind, GENESYS_URL, "image/png", filename, caption);
  }

  private static OutboundContent.QuickReplies replies(String question, String... titles) {
    List<QuickReply> options = new ArrayList<>();
    for (String title : titles) {
      options.add(new QuickReply(title, "payload-" + options.size()));
    }
    return new OutboundContent.QuickReplies(question, options);
  }

  private static Map<String, Object> button(String id, String title) {
    return Map.of("type", "reply", "reply", Map.of("id", id, "title", title));
  }

  private static Map<String, Object> row(String id, String title) {
    return Map.of("id", id, "title", title);
  }

  private static OutboundMessage message(OutboundContent content) {
    return new OutboundMessage("genesys-1", CustomerId.phone("+16505551234"), content);
  }

  private DispatchOutcome send(OutboundMessage message) {
    return channel.send(new ChannelSend(ConnectionId.DEFAULT, message, null, null));
  }

  private Map<String, Object> sent(OutboundContent content) throws IOException {
    int before = graph.requests().size();
    assertThat(send(message(content))).isEqualTo(new DispatchOutcome.Done(List.of("wamid.OUT1")));
    assertThat(graph.requests()).hasSize(before + 1);
    return JSON.readValue(
        graph.requests().get(before).body(), Argument.mapOf(String.class, Object.class));
  }

  /** The send of content whose attachment's upload the Graph API answers with {@code mediaId}. */
  private Map<String, Object> sentUploaded(OutboundContent content, String mediaId)
      throws IOException {
    graph.answerUploads(200, "{\"id\":\"" + mediaId + "\"}");
    int before = graph.requests().size();
    OutboundContent.Media media = content.attachmentToFetch().orElseThrow();
    MediaBytes bytes = new MediaBytes(new byte[] {1, 2, 3}, media.mimeType(), media.filename());
    assertThat(channel.send(new ChannelSend(ConnectionId.DEFAULT, message(content), null, bytes)))
        .isEqualTo(new DispatchOutcome.Done(List.of("wamid.OUT1")));
    assertThat(graph.requests()).hasSize(before + 2);
    assertThat(graph.requests().get(before).path()).endsWith("/media");
    return JSON.readValue(
        graph.requests().get(before + 1).body(), Argument.mapOf(String.class, Object.class));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> interactive(OutboundContent content) throws IOException {
    Map<String, Object> body = sent(content);
    assertThat(body).containsEntry("type", "interactive");
    return (Map<String, Object>) body.get("interactive");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> action(Map<String, Object> interactive) {
    return (Map<String, Object>) interactive.get("action");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rows(Map<String, Object> list) {
    List<Map<String, Object>> sections = (List<Map<String, Object>>) action(list).get("sections");
    assertThat(sections).hasSize(1);
    return (List<Map<String, Object>>) sections.get(0).get("rows");
  }

  private static FailureReason refusal(DispatchOutcome outcome) {
    assertThat(outcome).isInstanceOf(DispatchOutcome.Refused.class);
    return ((DispatchOutcome.Refused) outcome).failure().reason();
  }
}
