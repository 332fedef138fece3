package dev.switchboard.domain.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.message.MediaKind;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.QuickReply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SendPartsTest {

  private static final ChannelCapabilities WHATSAPP = TestChannels.WHATSAPP_LIKE;

  private static final String URL = "https://api.mypurecloud.com/media/cat.png";

  private static OutboundContent.Text text(String body) {
    return new OutboundContent.Text(body);
  }

  private static OutboundContent.Media image(String caption) {
    return new OutboundContent.Media(MediaKind.IMAGE, URL, "image/png", null, caption);
  }

  private static OutboundContent.QuickReplies choices(int count) {
    return new OutboundContent.QuickReplies(
        "Pick one",
        IntStream.rangeClosed(1, count)
            .mapToObj(i -> new QuickReply("Option " + i, "payload-" + i))
            .toList());
  }

  private static final OutboundContent.Template TEMPLATE =
      new OutboundContent.Template(
          "ns", "order_update", "en_US", List.of("x".repeat(5000)), image("y".repeat(2000)));

  static Stream<Arguments> unchanged() {
    return Stream.of(
        Arguments.of("a short text", text("hello")),
        Arguments.of("a text of exactly 4,096 characters", text("t".repeat(4096))),
        Arguments.of("an image without caption", image(null)),
        Arguments.of("an image with a short caption", image("a cat")),
        Arguments.of("an image with a caption of exactly 1,024", image("c".repeat(1024))),
        Arguments.of("one quick reply", choices(1)),
        Arguments.of("ten quick replies", choices(10)),
        Arguments.of("a template, however long its values", TEMPLATE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unchanged")
  void content_within_the_limits_is_one_send_as_it_is(String name, OutboundContent content) {
    assertThat(SendParts.of(content, WHATSAPP)).containsExactly(content);
  }

  static Stream<Arguments> reshaped() {
    String numbered =
        "Pick one\n1. Option 1\n2. Option 2\n3. Option 3\n4. Option 4\n5. Option 5\n6. Option 6"
            + "\n7. Option 7\n8. Option 8\n9. Option 9\n10. Option 10\n11. Option 11";
    return Stream.of(
        Arguments.of("a blank text gives no send", text("  \n "), List.of()),
        Arguments.of("a text is sent stripped", text("  hi \n"), List.of(text("hi"))),
        Arguments.of("a blank caption is dropped", image("   "), List.of(image(null))),
        Arguments.of(
            "a caption over 1,024 characters goes in a text after the attachment",
            image("c".repeat(1025)),
            List.of(image(null), text("c".repeat(1025)))),
        Arguments.of(
            "eleven quick replies become a numbered text", choices(11), List.of(text(numbered))),
        Arguments.of(
            "a sequence is flattened, in order",
            new OutboundContent.Sequence(
                List.of(
                    text("first"),
                    new OutboundContent.Sequence(List.of(image("second"), text("third"))),
                    choices(2))),
            List.of(text("first"), image("second"), text("third"), choices(2))),
        Arguments.of(
            "blank texts of a sequence give no send",
            new OutboundContent.Sequence(List.of(text(" "), image(null), text(""))),
            List.of(image(null))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reshaped")
  void content_beyond_the_limits_becomes_sends_within_them(
      String name, OutboundContent content, List<OutboundContent> expected) {
    assertThat(SendParts.of(content, WHATSAPP)).isEqualTo(expected);
  }

  @Test
  void a_long_text_is_split_into_texts_within_the_limit_that_add_up_to_it_in_order() {
    String body = "word ".repeat(2200).strip(); // 10,999 characters

    List<OutboundContent> parts = SendParts.of(text(body), WHATSAPP);

    assertThat(parts)
        .hasSize(3)
        .allSatisfy(p -> assertThat(p).isInstanceOf(OutboundContent.Text.class));
    List<String> bodies = parts.stream().map(p -> ((OutboundContent.Text) p).body()).toList();
    assertThat(bodies)
        .allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(WHATSAPP.textLimit()));
    assertThat(String.join(" ", bodies)).isEqualTo(body);
  }

  @Test
  void a_very_long_caption_follows_the_attachment_as_several_texts() {
    String caption = "caption ".repeat(1000).strip(); // 7,999 characters

    List<OutboundContent> parts = SendParts.of(image(caption), WHATSAPP);

    assertThat(parts).hasSize(3);
    assertThat(parts.get(0)).isEqualTo(image(null));
    assertThat(parts.subList(1, 3))
        .allSatisfy(
            p -> assertThat(((OutboundContent.Text) p).body()).hasSizeLessThanOrEqualTo(4096));
    assertThat(
            ((OutboundContent.Text) parts.get(1)).body()
                + " "
                + ((OutboundContent.Text) parts.get(2)).body())
        .isEqualTo(caption);
  }

  @Test
  void twelve_quick_replies_become_one_numbered_text_naming_every_option_in_order() {
    List<OutboundContent> parts = SendParts.of(choices(12), WHATSAPP);

    assertThat(parts).singleElement().isInstanceOf(OutboundContent.Text.class);
    String body = ((OutboundContent.Text) parts.get(0)).body();
    assertThat(body.lines().toList())
        .startsWith("Pick one", "1. Option 1", "2. Option 2")
        .endsWith("12. Option 12")
        .hasSize(13);
  }

  @Test
  void a_numbered_text_over_the_text_limit_is_split_too() {
    List<QuickReply> many =
        IntStream.range(0, 11).mapToObj(i -> new QuickReply("o".repeat(1000), "p" + i)).toList();

    List<OutboundContent> parts =
        SendParts.of(new OutboundContent.QuickReplies("Which?", many), WHATSAPP);

    assertThat(parts).hasSizeGreaterThan(1);
    assertThat(parts)
        .allSatisfy(
            p ->
                assertThat(((OutboundContent.Text) p).body())
                    .hasSizeLessThanOrEqualTo(WHATSAPP.textLimit()));
  }

  @Test
  void the_limits_are_the_channels() {
    ChannelCapabilities small =
        new ChannelCapabilities(10, 5, 2, Map.of(), Duration.ofHours(1), false, false);

    assertThat(SendParts.of(text("0123456789"), small)).containsExactly(text("0123456789"));
    assertThat(SendParts.of(text("hello world, again"), small))
        .containsExactly(text("hello"), text("world,"), text("again"));
    assertThat(SendParts.of(image("cats"), small)).containsExactly(image("cats"));
    assertThat(SendParts.of(image("a cat"), small)).containsExactly(image("a cat"));
    assertThat(SendParts.of(image("a cat!"), small)).containsExactly(image(null), text("a cat!"));
    assertThat(SendParts.of(choices(2), small)).containsExactly(choices(2));
    assertThat(SendParts.of(choices(3), small))
        .allSatisfy(p -> assertThat(p).isInstanceOf(OutboundContent.Text.class));
  }

  @Test
  void a_channel_offering_more_options_keeps_more_quick_replies_tappable() {
    assertThat(SendParts.of(choices(11), WHATSAPP))
        .singleElement()
        .isInstanceOf(OutboundContent.Text.class);
    assertThat(SendParts.of(choices(11), TestChannels.TELEGRAM_LIKE)).containsExactly(choices(11));
  }

  @Test
  void the_parts_cannot_be_changed() {
    List<OutboundContent> parts = SendParts.of(text("hi"), WHATSAPP);

    assertThatThrownBy(() -> parts.add(text("more")))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
