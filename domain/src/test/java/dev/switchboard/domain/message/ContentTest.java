package dev.switchboard.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.customer.ReplyRoute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The invariants of the inbound and outbound content records and of inbound messages. */
class ContentTest {

  private static final Customer ALICE = new Customer(CustomerId.phone("16505551234"), "Alice");
  private static final Instant SENT = Instant.parse("2025-03-01T12:00:00Z");
  private static final String URL = "https://api.mypurecloud.com/media/1";
  private static final OutboundContent.Media IMAGE =
      new OutboundContent.Media(MediaKind.IMAGE, URL, "image/png", "cat.png", "a cat");
  private static final OutboundContent.Template TEMPLATE =
      new OutboundContent.Template(null, "order_update", "en_US", List.of("42"), null);

  private static final ReplyRoute PN1 = new ReplyRoute("PN1");

  private static InboundMessage message(Map<String, String> metadata) {
    return new InboundMessage("wamid.1", ALICE, PN1, SENT, new InboundContent.Text("hi"), metadata);
  }

  @Test
  void an_inbound_message_keeps_its_metadata() {
    Map<String, String> metadata = Map.of("referral.headline", "Spring sale");

    assertThat(message(metadata).metadata()).isEqualTo(metadata);
  }

  @Test
  void an_inbound_message_without_metadata_has_none() {
    assertThat(message(null).metadata()).isEmpty();
    assertThat(
            new InboundMessage("wamid.1", ALICE, PN1, SENT, new InboundContent.Text("hi"))
                .metadata())
        .isEmpty();
  }

  @Test
  void an_inbound_messages_metadata_is_its_own_copy() {
    Map<String, String> metadata = new HashMap<>(Map.of("k", "v"));
    InboundMessage message = message(metadata);

    metadata.put("k2", "v2");

    assertThat(message.metadata()).containsOnlyKeys("k");
    assertThatThrownBy(() -> message.metadata().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void from_changes_the_sender_only() {
    InboundMessage message = message(Map.of("k", "v"));
    Customer renamed = new Customer(ALICE.id(), "Alice B.");

    InboundMessage from = message.from(renamed);

    assertThat(from)
        .isEqualTo(
            new InboundMessage(
                "wamid.1", renamed, PN1, SENT, new InboundContent.Text("hi"), Map.of("k", "v")));
  }

  @Test
  void with_changes_the_content_only() {
    InboundMessage message = message(Map.of("k", "v"));
    InboundContent other = new InboundContent.Text("[a note]");

    assertThat(message.with(other))
        .isEqualTo(new InboundMessage("wamid.1", ALICE, PN1, SENT, other, Map.of("k", "v")));
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            "inbound media without the channel's id",
            (Executable)
                () -> new InboundContent.Media(MediaKind.IMAGE, " ", "image/png", null, null, null),
            IllegalArgumentException.class),
        Arguments.of(
            "inbound media without a media type",
            (Executable)
                () -> new InboundContent.Media(MediaKind.IMAGE, "123", null, null, null, null),
            NullPointerException.class),
        Arguments.of(
            "a reply tap without the message it answers",
            (Executable) () -> new InboundContent.ReplyTap("qr-0", "Yes", null),
            NullPointerException.class),
        Arguments.of(
            "outbound text without a body",
            (Executable) () -> new OutboundContent.Text(null),
            NullPointerException.class),
        Arguments.of(
            "outbound media without a link",
            (Executable)
                () -> new OutboundContent.Media(MediaKind.IMAGE, null, "image/png", null, null),
            NullPointerException.class),
        Arguments.of(
            "outbound media without a kind",
            (Executable) () -> new OutboundContent.Media(null, URL, "image/png", null, null),
            NullPointerException.class),
        Arguments.of(
            "quick replies without options",
            (Executable) () -> new OutboundContent.QuickReplies("Pick", List.of()),
            IllegalArgumentException.class),
        Arguments.of(
            "quick replies without a question",
            (Executable)
                () -> new OutboundContent.QuickReplies(null, List.of(new QuickReply("a", "b"))),
            NullPointerException.class),
        Arguments.of(
            "a template with a blank name",
            (Executable) () -> new OutboundContent.Template(null, " ", "en_US", List.of(), null),
            IllegalArgumentException.class),
        Arguments.of(
            "a template with a blank language",
            (Executable) () -> new OutboundContent.Template(null, "hello", "", List.of(), null),
            IllegalArgumentException.class),
        Arguments.of(
            "a template without parameters list",
            (Executable) () -> new OutboundContent.Template(null, "hello", "en", null, null),
            NullPointerException.class),
        Arguments.of(
            "an empty sequence",
            (Executable) () -> new OutboundContent.Sequence(List.of()),
            IllegalArgumentException.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void content_that_cannot_be_sent_cannot_be_made(
      String name, Executable construction, Class<? extends Throwable> expected) {
    assertThatThrownBy(construction::execute).isInstanceOf(expected);
  }

  static Stream<Arguments> templates() {
    return Stream.of(
        Arguments.of("text", new OutboundContent.Text("hi"), false),
        Arguments.of("media", IMAGE, false),
        Arguments.of(
            "quick replies",
            new OutboundContent.QuickReplies("Pick", List.of(new QuickReply("a", "b"))),
            false),
        Arguments.of("a template", TEMPLATE, true),
        Arguments.of(
            "a sequence of templates",
            new OutboundContent.Sequence(List.of(TEMPLATE, TEMPLATE)),
            true),
        Arguments.of(
            "a sequence of a template and text",
            new OutboundContent.Sequence(List.of(TEMPLATE, new OutboundContent.Text("hi"))),
            false));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("templates")
  void only_templates_are_templates(String name, OutboundContent content, boolean template) {
    assertThat(content.isTemplate()).isEqualTo(template);
  }

  @Test
  void the_lists_of_outbound_content_are_their_own_copies() {
    List<QuickReply> options = new ArrayList<>(List.of(new QuickReply("a", "b")));
    List<String> parameters = new ArrayList<>(List.of("1"));
    List<OutboundContent> parts = new ArrayList<>(List.of(IMAGE));
    OutboundContent.QuickReplies replies = new OutboundContent.QuickReplies("Pick", options);
    OutboundContent.Template template =
        new OutboundContent.Template(null, "t", "en", parameters, null);
    OutboundContent.Sequence sequence = new OutboundContent.Sequence(parts);

    options.add(new QuickReply("c", "d"));
    parameters.add("2");
    parts.add(IMAGE);

    assertThat(replies.options()).hasSize(1);
    assertThat(template.bodyParameters()).containsExactly("1");
    assertThat(sequence.parts()).hasSize(1);
  }

  @Test
  void another_caption_keeps_everything_else() {
    assertThat(IMAGE.withCaption(null))
        .isEqualTo(new OutboundContent.Media(MediaKind.IMAGE, URL, "image/png", "cat.png", null));
    assertThat(IMAGE.withCaption("a dog"))
        .isEqualTo(
            new OutboundContent.Media(MediaKind.IMAGE, URL, "image/png", "cat.png", "a dog"));
  }

  @Test
  void an_inbound_message_may_have_no_route() {
    InboundMessage message =
        new InboundMessage("wamid.1", ALICE, null, SENT, new InboundContent.Text("hi"));

    assertThat(message.route()).isNull();
    assertThat(message.from(ALICE).route()).isNull();
  }

  @Test
  void quick_replies_find_the_option_sent_with_an_id() {
    QuickReply yes = new QuickReply("Yes", "Y");
    QuickReply no = new QuickReply("No", "N");
    OutboundContent.QuickReplies replies =
        new OutboundContent.QuickReplies("OK?", List.of(yes, no));

    assertThat(replies.option(QuickReply.idAt(1))).contains(no);
    assertThat(replies.option(QuickReply.idAt(2))).isEmpty();
  }

  @Test
  void a_reply_choice_needs_all_it_names() {
    QuickReply yes = new QuickReply("Yes", "Y");
    assertThatThrownBy(() -> new ReplyChoice(null, ALICE, yes, "wamid.2", SENT))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new ReplyChoice("gen-1", ALICE, null, "wamid.2", SENT))
        .isInstanceOf(NullPointerException.class);
    assertThat(new ReplyChoice("gen-1", ALICE, yes, "wamid.2", SENT).reply()).isEqualTo(yes);
  }
}
