package dev.switchboard.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.channel.ChannelCapabilities;
import dev.switchboard.domain.channel.TestChannels;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.MediaKind;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.QuickReply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The send policy over every window state and content kind: on a WhatsApp-like channel (24-hour
 * window, templates) and on a channel with neither (a Telegram bot).
 */
class SendPolicyTest {

  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  private static final Instant WROTE_AN_HOUR_AGO = NOW.minus(Duration.ofHours(1));
  private static final Instant WROTE_TWO_DAYS_AGO = NOW.minus(Duration.ofDays(2));

  private static final MessageWindow OPEN =
      MessageWindow.neverOpened().reopenedBy(WROTE_AN_HOUR_AGO);
  private static final MessageWindow CLOSED =
      MessageWindow.neverOpened().reopenedBy(WROTE_TWO_DAYS_AGO);
  private static final MessageWindow NEVER = MessageWindow.neverOpened();

  private static final OutboundContent TEXT = new OutboundContent.Text("Hello, how can I help?");
  private static final OutboundContent BLANK = new OutboundContent.Text("  \n ");
  private static final OutboundContent.Template TEMPLATE =
      new OutboundContent.Template("ns", "order_update", "en_US", List.of("42"), null);
  private static final OutboundContent MEDIA =
      new OutboundContent.Media(
          MediaKind.IMAGE, "https://api.mypurecloud.com/m/1", "image/png", null, null);
  private static final OutboundContent REPLIES =
      new OutboundContent.QuickReplies("OK?", List.of(new QuickReply("Yes", "Y")));
  private static final OutboundContent TEMPLATES =
      new OutboundContent.Sequence(List.of(TEMPLATE, TEMPLATE));
  private static final OutboundContent TEXT_AND_MEDIA =
      new OutboundContent.Sequence(List.of(TEXT, MEDIA));
  private static final OutboundContent TEMPLATE_AND_TEXT =
      new OutboundContent.Sequence(List.of(TEMPLATE, TEXT));
  private static final OutboundContent BLANKS =
      new OutboundContent.Sequence(List.of(BLANK, new OutboundContent.Text("")));

  private static final Duration DAY = Duration.ofHours(24);

  private final SendPolicy policy =
      SendPolicy.of(TestChannels.WHATSAPP, TestChannels.WHATSAPP_LIKE);
  private final SendPolicy noWindow =
      SendPolicy.of(TestChannels.TELEGRAM, TestChannels.TELEGRAM_LIKE);

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("open", OPEN, "text", TEXT, SendDecision.SendFreeForm.class),
        Arguments.of("open", OPEN, "blank", BLANK, SendDecision.Rejected.class),
        Arguments.of("closed", CLOSED, "text", TEXT, SendDecision.TemplateRequired.class),
        Arguments.of("closed", CLOSED, "blank", BLANK, SendDecision.Rejected.class),
        Arguments.of("never", NEVER, "text", TEXT, SendDecision.TemplateRequired.class),
        Arguments.of("never", NEVER, "blank", BLANK, SendDecision.Rejected.class),
        Arguments.of("open", OPEN, "template", TEMPLATE, SendDecision.SendTemplate.class),
        Arguments.of("closed", CLOSED, "template", TEMPLATE, SendDecision.SendTemplate.class),
        Arguments.of("never", NEVER, "template", TEMPLATE, SendDecision.SendTemplate.class),
        Arguments.of("closed", CLOSED, "templates", TEMPLATES, SendDecision.SendTemplate.class),
        Arguments.of("open", OPEN, "media", MEDIA, SendDecision.SendFreeForm.class),
        Arguments.of("closed", CLOSED, "media", MEDIA, SendDecision.TemplateRequired.class),
        Arguments.of("open", OPEN, "quick replies", REPLIES, SendDecision.SendFreeForm.class),
        Arguments.of("never", NEVER, "quick replies", REPLIES, SendDecision.TemplateRequired.class),
        Arguments.of(
            "open", OPEN, "text and media", TEXT_AND_MEDIA, SendDecision.SendFreeForm.class),
        Arguments.of(
            "closed",
            CLOSED,
            "text and media",
            TEXT_AND_MEDIA,
            SendDecision.TemplateRequired.class),
        Arguments.of(
            "closed",
            CLOSED,
            "template and text",
            TEMPLATE_AND_TEXT,
            SendDecision.TemplateRequired.class),
        Arguments.of(
            "open", OPEN, "template and text", TEMPLATE_AND_TEXT, SendDecision.SendFreeForm.class),
        Arguments.of("open", OPEN, "blank texts", BLANKS, SendDecision.Rejected.class));
  }

  @ParameterizedTest(name = "window {0}, {2} -> {4}")
  @MethodSource("table")
  void on_a_channel_with_window_and_templates_decides_by_window_and_content(
      String windowName,
      MessageWindow window,
      String contentName,
      OutboundContent content,
      Class<? extends SendDecision> expected) {
    assertThat(policy.decide(window, content, NOW)).isExactlyInstanceOf(expected);
  }

  @Test
  void a_closed_window_says_when_it_closed() {
    SendDecision decision = policy.decide(CLOSED, TEXT, NOW);

    assertThat(decision).isEqualTo(new SendDecision.TemplateRequired(WROTE_TWO_DAYS_AGO.plus(DAY)));
  }

  @Test
  void a_window_never_opened_has_no_closing_time() {
    assertThat(policy.decide(NEVER, TEXT, NOW)).isEqualTo(new SendDecision.TemplateRequired(null));
  }

  @Test
  void an_empty_message_is_rejected_as_an_invalid_structure() {
    SendDecision decision = policy.decide(OPEN, BLANK, NOW);

    assertThat(decision).isInstanceOf(SendDecision.Rejected.class);
    assertThat(((SendDecision.Rejected) decision).failure().reason())
        .isEqualTo(FailureReason.INVALID_MESSAGE_STRUCTURE);
  }

  @Test
  void the_window_is_judged_at_the_time_given() {
    Instant closing = WROTE_AN_HOUR_AGO.plus(DAY);

    assertThat(policy.decide(OPEN, TEXT, closing.minusNanos(1)))
        .isInstanceOf(SendDecision.SendFreeForm.class);
    assertThat(policy.decide(OPEN, TEXT, closing))
        .isInstanceOf(SendDecision.TemplateRequired.class);
  }

  @Test
  void the_window_lasts_as_long_as_the_channel_says() {
    ChannelCapabilities hourWindow =
        new ChannelCapabilities(
            4096,
            1024,
            10,
            TestChannels.WHATSAPP_LIKE.mediaLimits(),
            Duration.ofHours(1),
            true,
            true);
    SendPolicy hourly = SendPolicy.of(TestChannels.WHATSAPP, hourWindow);

    assertThat(hourly.decide(OPEN, TEXT, WROTE_AN_HOUR_AGO.plus(Duration.ofMinutes(59))))
        .isInstanceOf(SendDecision.SendFreeForm.class);
    assertThat(hourly.decide(OPEN, TEXT, NOW)).isEqualTo(new SendDecision.TemplateRequired(NOW));
  }

  static Stream<Arguments> without_window_or_templates() {
    return Stream.of(
        Arguments.of("open", OPEN, "text", TEXT, SendDecision.SendFreeForm.class),
        Arguments.of("closed", CLOSED, "text", TEXT, SendDecision.SendFreeForm.class),
        Arguments.of("never", NEVER, "text", TEXT, SendDecision.SendFreeForm.class),
        Arguments.of("never", NEVER, "media", MEDIA, SendDecision.SendFreeForm.class),
        Arguments.of("never", NEVER, "quick replies", REPLIES, SendDecision.SendFreeForm.class),
        Arguments.of(
            "closed", CLOSED, "text and media", TEXT_AND_MEDIA, SendDecision.SendFreeForm.class),
        Arguments.of(
            "never",
            NEVER,
            "template and text",
            TEMPLATE_AND_TEXT,
            SendDecision.SendFreeForm.class),
        Arguments.of("open", OPEN, "template", TEMPLATE, SendDecision.Rejected.class),
        Arguments.of("never", NEVER, "template", TEMPLATE, SendDecision.Rejected.class),
        Arguments.of("closed", CLOSED, "templates", TEMPLATES, SendDecision.Rejected.class),
        Arguments.of("never", NEVER, "blank", BLANK, SendDecision.Rejected.class),
        Arguments.of("closed", CLOSED, "blank texts", BLANKS, SendDecision.Rejected.class));
  }

  @ParameterizedTest(name = "window {0}, {2} -> {4}")
  @MethodSource("without_window_or_templates")
  void on_a_channel_without_window_or_templates_free_content_goes_any_time(
      String windowName,
      MessageWindow window,
      String contentName,
      OutboundContent content,
      Class<? extends SendDecision> expected) {
    assertThat(noWindow.decide(window, content, NOW)).isExactlyInstanceOf(expected);
  }

  @ParameterizedTest(name = "window {0}")
  @MethodSource("windows")
  void a_template_to_a_channel_without_templates_is_refused_as_unsupported(
      String windowName, MessageWindow window) {
    SendDecision decision = noWindow.decide(window, TEMPLATE, NOW);

    assertThat(decision).isInstanceOf(SendDecision.Rejected.class);
    assertThat(((SendDecision.Rejected) decision).failure().reason())
        .isEqualTo(FailureReason.UNSUPPORTED_MESSAGE);
    assertThat(((SendDecision.Rejected) decision).failure().message()).contains("telegram");
  }

  @Test
  void an_empty_message_is_rejected_as_an_invalid_structure_without_window_too() {
    SendDecision decision = noWindow.decide(NEVER, BLANK, NOW);

    assertThat(decision).isInstanceOf(SendDecision.Rejected.class);
    assertThat(((SendDecision.Rejected) decision).failure().reason())
        .isEqualTo(FailureReason.INVALID_MESSAGE_STRUCTURE);
  }

  static Stream<Arguments> windows() {
    return Stream.of(
        Arguments.of("open", OPEN), Arguments.of("closed", CLOSED), Arguments.of("never", NEVER));
  }

  @ParameterizedTest(name = "window {0}")
  @MethodSource("windows")
  void free_form_is_allowed_at_any_time_without_a_window(String windowName, MessageWindow window) {
    assertThat(noWindow.allowsFreeFormAt(window, NOW)).isTrue();
    assertThat(noWindow.allowsFreeFormAt(window, Instant.MAX)).isTrue();
  }

  @Test
  void free_form_is_allowed_only_inside_the_window_of_a_channel_with_one() {
    assertThat(policy.allowsFreeFormAt(OPEN, NOW)).isTrue();
    assertThat(policy.allowsFreeFormAt(OPEN, WROTE_AN_HOUR_AGO.plus(DAY))).isFalse();
    assertThat(policy.allowsFreeFormAt(CLOSED, NOW)).isFalse();
    assertThat(policy.allowsFreeFormAt(NEVER, NOW)).isFalse();
  }

  @Test
  void a_policy_needs_its_channel_and_capabilities() {
    assertThatThrownBy(() -> SendPolicy.of(null, TestChannels.WHATSAPP_LIKE))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> SendPolicy.of(TestChannels.WHATSAPP, null))
        .isInstanceOf(NullPointerException.class);
  }
}
