package dev.switchboard.adapters.whatsapp;

import dev.switchboard.adapters.whatsapp.api.SendMessageRequest;
import dev.switchboard.adapters.whatsapp.api.SendMessageRequest.Action;
import dev.switchboard.adapters.whatsapp.api.SendMessageRequest.Body;
import dev.switchboard.adapters.whatsapp.api.SendMessageRequest.Button;
import dev.switchboard.adapters.whatsapp.api.SendMessageRequest.Component;
import dev.switchboard.adapters.whatsapp.api.SendMessageRequest.Interactive;
import dev.switchboard.adapters.whatsapp.api.SendMessageRequest.Language;
import dev.switchboard.adapters.whatsapp.api.SendMessageRequest.MediaObject;
import dev.switchboard.adapters.whatsapp.api.SendMessageRequest.Parameter;
import dev.switchboard.adapters.whatsapp.api.SendMessageRequest.Reply;
import dev.switchboard.adapters.whatsapp.api.SendMessageRequest.Row;
import dev.switchboard.adapters.whatsapp.api.SendMessageRequest.Section;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.customer.ReplyRoute;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.MediaKind;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import dev.switchboard.domain.message.QuickReply;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Cloud API request for one outbound send: the one place that turns message content into a
 * WhatsApp send (a new content type adds its branch here and its object to {@link
 * SendMessageRequest}).
 *
 * <p>Cards: up to 3 postbacks as reply buttons (titles shortened to fit), or one link as a {@code
 * cta_url} button; the image, uploaded, as the header. Templates: every parameter, media headers by
 * their uploaded id (never the contact center's URL).
 *
 * <p>Quick replies: 1 to 3 options whose titles fit a button (20 characters, all different) become
 * reply buttons; otherwise up to 10 become a list, a title too long for a row (24 characters)
 * shortened with an ellipsis and given whole in the row's description. Lengths are counted in
 * Unicode code points.
 */
final class SendRequests {

  /** The most reply buttons one message has. */
  static final int MAX_BUTTONS = 3;

  /** The most rows one list has. */
  static final int MAX_ROWS = 10;

  /** The longest reply button title. */
  static final int BUTTON_TITLE_LIMIT = 20;

  /** The longest list row title. */
  static final int ROW_TITLE_LIMIT = 24;

  /** The longest list row description. */
  static final int ROW_DESCRIPTION_LIMIT = 72;

  /** The longest body of an interactive message. */
  static final int INTERACTIVE_BODY_LIMIT = 1024;

  /** The label of the button that opens a list. */
  static final String LIST_BUTTON = "Choose";

  /** The question of quick replies sent without one: an interactive message needs a body. */
  static final String DEFAULT_QUESTION = "Please choose";

  private static final String ELLIPSIS = "\u2026";

  private SendRequests() {}

  /**
   * The request body that sends {@code message}.
   *
   * @param mediaId the Graph API's id of the uploaded bytes, for an attachment; else {@code null}
   * @throws UnsendableMessage when no WhatsApp send can carry the content
   */
  static SendMessageRequest of(OutboundMessage message, @Nullable String mediaId) {
    return of(message, null, mediaId);
  }

  /**
   * The request body that sends {@code message} by the customer's reply route.
   *
   * @param route the customer's {@code wa_id} exactly as WhatsApp last gave it; {@code null} when
   *     none is known
   * @param mediaId the Graph API's id of the uploaded bytes, for an attachment; else {@code null}
   * @throws UnsendableMessage when no WhatsApp send can carry the content
   */
  static SendMessageRequest of(
      OutboundMessage message, @Nullable ReplyRoute route, @Nullable String mediaId) {
    OutboundContent content = message.content();
    String to = route != null ? route.value() : phoneOf(message.recipient());
    String recipient = to == null ? message.recipient().value() : null;
    if (content instanceof OutboundContent.Text text) {
      return SendMessageRequest.text(
          to, recipient, new SendMessageRequest.Text(false, text.body()));
    }
    if (content instanceof OutboundContent.Media media) {
      return SendMessageRequest.media(
          to, recipient, typeOf(media.kind()), mediaObject(media, mediaId));
    }
    if (content instanceof OutboundContent.QuickReplies replies) {
      return SendMessageRequest.interactive(to, recipient, interactive(replies));
    }
    if (content instanceof OutboundContent.Template template) {
      return SendMessageRequest.template(to, recipient, template(template, mediaId));
    }
    if (content instanceof OutboundContent.Card card) {
      return card(to, recipient, card, mediaId);
    }
    if (content instanceof OutboundContent.Unsupported unsupported) {
      throw new UnsendableMessage(
          FailureReason.UNSUPPORTED_MESSAGE, unsupported.what() + " cannot be sent on WhatsApp");
    }
    if (content instanceof OutboundContent.Sequence) {
      throw new UnsendableMessage(
          FailureReason.INVALID_MESSAGE_STRUCTURE,
          "a sequence of contents is several sends and cannot be sent as one");
    }
    throw new UnsendableMessage(
        FailureReason.UNSUPPORTED_MESSAGE,
        "WhatsApp has no message for " + content.getClass().getSimpleName());
  }

  /**
   * A phone number goes in {@code to} (digits, no {@code +}): the reply route when there is one
   * (the number as WhatsApp gave it, e.g. a Mexican number's legacy {@code 521} form), else the
   * customer's number; a business-scoped user id goes in {@code recipient}, which the Cloud API
   * takes instead of {@code to} for users known only by it.
   */
  private static @Nullable String phoneOf(CustomerId customer) {
    return customer instanceof CustomerId.Phone phone ? phone.number().waId() : null;
  }

  private static MediaObject mediaObject(OutboundContent.Media media, @Nullable String mediaId) {
    if (isBlank(mediaId)) {
      throw new UnsendableMessage(
          FailureReason.INVALID_MESSAGE_STRUCTURE, "the attachment was not uploaded to WhatsApp");
    }
    boolean captioned =
        media.kind() == MediaKind.IMAGE
            || media.kind() == MediaKind.VIDEO
            || media.kind() == MediaKind.DOCUMENT;
    String caption = captioned && !isBlank(media.caption()) ? media.caption() : null;
    String filename =
        media.kind() == MediaKind.DOCUMENT && !isBlank(media.filename()) ? media.filename() : null;
    return new MediaObject(mediaId, null, caption, filename);
  }

  private static Interactive interactive(OutboundContent.QuickReplies replies) {
    List<QuickReply> options = replies.options();
    if (options.size() > MAX_ROWS) {
      throw new UnsendableMessage(
          FailureReason.INVALID_MESSAGE_STRUCTURE,
          options.size() + " quick replies are more than one WhatsApp message offers (10)");
    }
    Body body = new Body(question(replies.text()));
    if (fitButtons(options)) {
      List<Button> buttons = new ArrayList<>();
      for (int i = 0; i < options.size(); i++) {
        buttons.add(new Button("reply", new Reply(QuickReply.idAt(i), title(options.get(i)))));
      }
      return new Interactive("button", body, new Action(buttons, null, null));
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < options.size(); i++) {
      String title = title(options.get(i));
      boolean fits = length(title) <= ROW_TITLE_LIMIT;
      rows.add(
          new Row(
              QuickReply.idAt(i),
              fits ? title : shortened(title, ROW_TITLE_LIMIT),
              fits ? null : shortened(title, ROW_DESCRIPTION_LIMIT)));
    }
    return new Interactive(
        "list", body, new Action(null, LIST_BUTTON, List.of(new Section(null, rows))));
  }

  private static boolean fitButtons(List<QuickReply> options) {
    if (options.size() > MAX_BUTTONS) {
      return false;
    }
    Set<String> titles = new HashSet<>();
    for (QuickReply option : options) {
      String title = title(option);
      if (length(title) > BUTTON_TITLE_LIMIT || !titles.add(title)) {
        return false;
      }
    }
    return true;
  }

  private static String question(String text) {
    String question = text.strip();
    return question.isEmpty() ? DEFAULT_QUESTION : shortened(question, INTERACTIVE_BODY_LIMIT);
  }

  private static String title(QuickReply option) {
    return option.title().strip();
  }

  /**
   * A card: reply buttons for its postbacks or a {@code cta_url} button for its link, its image (by
   * the uploaded media id) as the header and its title and description as the body; a card without
   * buttons is its image with the words as caption, or the words as text.
   */
  private static SendMessageRequest card(
      @Nullable String to,
      @Nullable String recipient,
      OutboundContent.Card card,
      @Nullable String mediaId) {
    if (card.image() != null && isBlank(mediaId)) {
      throw new UnsendableMessage(
          FailureReason.INVALID_MESSAGE_STRUCTURE, "the card's image was not uploaded to WhatsApp");
    }
    String words = card.text();
    SendMessageRequest.Header header =
        card.image() == null
            ? null
            : SendMessageRequest.Header.image(new MediaObject(mediaId, null, null, null));
    if (!card.postbacks().isEmpty() && !card.links().isEmpty() || card.links().size() > 1) {
      throw new UnsendableMessage(
          FailureReason.UNSUPPORTED_MESSAGE,
          "a WhatsApp message carries a card's buttons or one link, not both nor several links");
    }
    if (!card.postbacks().isEmpty()) {
      List<QuickReply> postbacks = card.postbacks();
      if (postbacks.size() > MAX_BUTTONS) {
        throw new UnsendableMessage(
            FailureReason.UNSUPPORTED_MESSAGE,
            postbacks.size() + " card buttons are more than one WhatsApp message offers (3)");
      }
      List<Button> buttons = new ArrayList<>();
      for (int i = 0; i < postbacks.size(); i++) {
        String title = shortened(title(postbacks.get(i)), BUTTON_TITLE_LIMIT);
        buttons.add(new Button("reply", new Reply(QuickReply.idAt(i), title)));
      }
      return SendMessageRequest.interactive(
          to,
          recipient,
          new Interactive(
              "button", header, new Body(question(words)), new Action(buttons, null, null)));
    }
    if (!card.links().isEmpty()) {
      OutboundContent.Link link = card.links().get(0);
      String body = words.isEmpty() ? link.text().strip() : words;
      return SendMessageRequest.interactive(
          to,
          recipient,
          new Interactive(
              "cta_url",
              header,
              new Body(shortened(body, INTERACTIVE_BODY_LIMIT)),
              Action.ctaUrl(shortened(link.text().strip(), BUTTON_TITLE_LIMIT), link.url())));
    }
    if (card.image() != null) {
      return SendMessageRequest.media(
          to,
          recipient,
          "image",
          new MediaObject(mediaId, null, words.isEmpty() ? null : words, null));
    }
    return SendMessageRequest.text(to, recipient, new SendMessageRequest.Text(false, words));
  }

  /**
   * A template with all its parameters: the header's (media by the uploaded media id, or text), the
   * body's, and those of its URL and quick-reply buttons.
   */
  private static SendMessageRequest.Template template(
      OutboundContent.Template template, @Nullable String mediaId) {
    List<Component> components = new ArrayList<>();
    if (template.header() != null) {
      OutboundContent.Media header = template.header();
      String type = typeOf(header.kind());
      if (!type.equals("image") && !type.equals("video") && !type.equals("document")) {
        throw new UnsendableMessage(
            FailureReason.UNSUPPORTED_MESSAGE,
            "a template header is an image, a video or a document, not " + article(type));
      }
      if (isBlank(mediaId)) {
        throw new UnsendableMessage(
            FailureReason.INVALID_MESSAGE_STRUCTURE,
            "the template's header media was not uploaded to WhatsApp");
      }
      MediaObject media = new MediaObject(mediaId, null, null, documentName(header));
      components.add(new Component("header", List.of(Parameter.media(type, media))));
    } else if (!template.headerParameters().isEmpty()) {
      components.add(
          new Component(
              "header", template.headerParameters().stream().map(Parameter::text).toList()));
    }
    if (!template.bodyParameters().isEmpty()) {
      components.add(
          new Component("body", template.bodyParameters().stream().map(Parameter::text).toList()));
    }
    for (OutboundContent.TemplateButton button : template.buttons()) {
      components.add(
          button.kind() == OutboundContent.TemplateButton.ButtonKind.URL
              ? Component.button("url", button.index(), Parameter.text(button.value()))
              : Component.button("quick_reply", button.index(), Parameter.payload(button.value())));
    }
    return new SendMessageRequest.Template(
        template.name().strip(),
        new Language(template.language().strip()),
        components.isEmpty() ? null : components);
  }

  private static @Nullable String documentName(OutboundContent.Media media) {
    return media.kind() == MediaKind.DOCUMENT && !isBlank(media.filename())
        ? media.filename()
        : null;
  }

  /** The Cloud API's name of a media kind: image, video, audio, document, sticker. */
  static String typeOf(MediaKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /** {@code text} within {@code limit} code points: cut, with an ellipsis, when longer. */
  static String shortened(String text, int limit) {
    if (length(text) <= limit) {
      return text;
    }
    int end = text.offsetByCodePoints(0, limit - 1);
    return text.substring(0, end).stripTrailing() + ELLIPSIS;
  }

  private static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  private static String article(String word) {
    return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
  }

  private static boolean isBlank(@Nullable String value) {
    return value == null || value.isBlank();
  }
}
