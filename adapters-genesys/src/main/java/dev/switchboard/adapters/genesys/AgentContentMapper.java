package dev.switchboard.adapters.genesys;

import dev.switchboard.adapters.genesys.api.OpenAttachment;
import dev.switchboard.adapters.genesys.api.OpenCard;
import dev.switchboard.adapters.genesys.api.OpenContent;
import dev.switchboard.adapters.genesys.api.OpenOutboundMessage;
import dev.switchboard.adapters.genesys.api.OpenQuickReply;
import dev.switchboard.adapters.genesys.api.OpenTemplate;
import dev.switchboard.domain.message.MediaKind;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.QuickReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps the content of an agent's Genesys message to what is sent to the customer: the one place
 * that knows Genesys' message types and content elements. A {@code Notification} becomes a
 * template; {@code QuickReply} elements quick replies; {@code Attachment} elements media, the
 * message text as the first one's caption; a {@code Card} a card and a {@code Carousel} its cards,
 * in order, after the message text. What cannot be carried whole (an unknown message type or
 * content element, a template without an id or a language, an attachment without a URL) becomes
 * {@link OutboundContent.Unsupported}, naming it: nothing of such a message is sent, and the agent
 * is told.
 */
final class AgentContentMapper {

  private static final String TEMPLATE_SEPARATOR = "@";

  /** Something of the message that cannot be carried: the whole message is not sent. */
  private static final class Uncarried extends Exception {
    private static final long serialVersionUID = 1L;

    Uncarried(String what) {
      super(what, null, false, false);
    }
  }

  /** The content of an agent's message; never null. */
  OutboundContent map(OpenOutboundMessage message) {
    try {
      return content(message);
    } catch (Uncarried uncarried) {
      return new OutboundContent.Unsupported(uncarried.getMessage());
    }
  }

  private OutboundContent content(OpenOutboundMessage message) throws Uncarried {
    String type = message.type();
    if (isBlank(type)) {
      throw new Uncarried("a Genesys message without a type");
    }
    if (!OpenOutboundMessage.TEXT.equalsIgnoreCase(type)
        && !OpenOutboundMessage.STRUCTURED.equalsIgnoreCase(type)) {
      throw new Uncarried("a Genesys message of type " + printable(type));
    }
    List<OpenContent> content = message.content() == null ? List.of() : message.content();
    String text = isBlank(message.text()) ? null : message.text();
    for (OpenContent element : content) {
      if (isA(element, OpenContent.NOTIFICATION)) {
        return template(element.template());
      }
    }
    List<OutboundContent> media = new ArrayList<>();
    List<OutboundContent> cards = new ArrayList<>();
    List<QuickReply> options = new ArrayList<>();
    for (OpenContent element : content) {
      if (element == null) {
        continue;
      }
      if (isA(element, OpenContent.ATTACHMENT)) {
        media.add(attachment(element.attachment()));
      } else if (isA(element, OpenContent.QUICK_REPLY)) {
        quickReply(element.quickReply()).ifPresent(options::add);
      } else if (isA(element, OpenContent.CARD)) {
        cards.add(card(element.card()));
      } else if (isA(element, OpenContent.CAROUSEL)) {
        cards.addAll(carousel(element.carousel()));
      } else {
        throw new Uncarried(
            isBlank(element.contentType())
                ? "a content element without a contentType"
                : "a " + printable(element.contentType()) + " content element");
      }
    }
    List<OutboundContent> parts = new ArrayList<>(media);
    if (!options.isEmpty()) {
      parts.addAll(cards);
      parts.add(new OutboundContent.QuickReplies(text == null ? "" : text, options));
    } else if (!media.isEmpty() && text != null) {
      parts.set(0, ((OutboundContent.Media) media.get(0)).withCaption(text));
      parts.addAll(cards);
    } else {
      if (text != null) {
        parts.add(new OutboundContent.Text(text));
      }
      parts.addAll(cards);
    }
    if (parts.isEmpty()) {
      return new OutboundContent.Text(""); // the send policy refuses it as empty
    }
    return parts.size() == 1 ? parts.get(0) : new OutboundContent.Sequence(parts);
  }

  private static OutboundContent.Media attachment(OpenAttachment attachment) throws Uncarried {
    OutboundContent.Media media = attachment == null ? null : media(attachment, null);
    if (media == null) {
      throw new Uncarried("an Attachment without a URL");
    }
    return media;
  }

  /** A quick reply; one without a text shows nothing to tap and is left out. */
  private static java.util.Optional<QuickReply> quickReply(OpenQuickReply reply) {
    if (reply == null || isBlank(reply.text())) {
      return java.util.Optional.empty();
    }
    String payload = isBlank(reply.payload()) ? reply.text() : reply.payload();
    return java.util.Optional.of(new QuickReply(reply.text(), payload));
  }

  private static List<OutboundContent> carousel(OpenCard.Carousel carousel) throws Uncarried {
    if (carousel == null || carousel.cards() == null || carousel.cards().isEmpty()) {
      throw new Uncarried("a Carousel without cards");
    }
    List<OutboundContent> cards = new ArrayList<>();
    for (OpenCard card : carousel.cards()) {
      cards.add(card(card));
    }
    return cards;
  }

  /** A card: its image, title, description, postbacks and links. */
  private static OutboundContent.Card card(OpenCard card) throws Uncarried {
    if (card == null) {
      throw new Uncarried("a Card without its card");
    }
    if (!isBlank(card.video())) {
      throw new Uncarried("a Card with a video");
    }
    String title = isBlank(card.title()) ? "" : card.title().strip();
    String description = isBlank(card.description()) ? null : card.description().strip();
    OutboundContent.Media image =
        isBlank(card.image())
            ? null
            : new OutboundContent.Media(MediaKind.IMAGE, card.image().strip(), "", null, null);
    if (title.isEmpty() && description == null && image == null) {
      throw new Uncarried("a Card without a title, a description or an image");
    }
    List<QuickReply> postbacks = new ArrayList<>();
    List<OutboundContent.Link> links = new ArrayList<>();
    for (OpenCard.Action action :
        card.actions() == null ? List.<OpenCard.Action>of() : card.actions()) {
      if (action == null) {
        continue;
      }
      if (isBlank(action.text())) {
        throw new Uncarried("a card action without a text");
      }
      if (OpenCard.Action.POSTBACK.equalsIgnoreCase(action.type())) {
        String payload = isBlank(action.payload()) ? action.text() : action.payload();
        postbacks.add(QuickReply.postback(action.text().strip(), payload));
      } else if (OpenCard.Action.LINK.equalsIgnoreCase(action.type())) {
        if (isBlank(action.url())) {
          throw new Uncarried("a card's Link action without a URL");
        }
        links.add(new OutboundContent.Link(action.text().strip(), action.url().strip()));
      } else {
        throw new Uncarried("a card action of type " + printable(action.type()));
      }
    }
    return new OutboundContent.Card(title, description, image, postbacks, links);
  }

  /**
   * A template: {@code namespace@name} (or a bare name), language, header (text parameters or
   * media), body parameters, and the parameters of its URL and quick-reply buttons.
   */
  private static OutboundContent.Template template(OpenTemplate template) throws Uncarried {
    if (template == null) {
      throw new Uncarried("a Notification without its template");
    }
    String id = template.id() == null ? "" : template.id().strip();
    int at = id.lastIndexOf(TEMPLATE_SEPARATOR);
    String namespace = at > 0 ? id.substring(0, at) : null;
    String name = at >= 0 ? id.substring(at + 1) : id;
    if (name.isBlank()) {
      throw new Uncarried("a Notification template without an id");
    }
    if (isBlank(template.language())) {
      throw new Uncarried("a Notification template without a language");
    }
    List<String> parameters =
        template.body() == null ? List.of() : values(template.body().parameters());
    OpenTemplate.Header header = template.header();
    OutboundContent.Media media = null;
    List<String> headerParameters = List.of();
    if (header != null && header.media() != null) {
      media = media(header.media(), header.type());
      if (media == null) {
        throw new Uncarried("a template header without a media URL");
      }
    } else if (header != null) {
      headerParameters = values(header.parameters());
    }
    return new OutboundContent.Template(
        namespace,
        name.strip(),
        template.language().strip(),
        parameters,
        media,
        headerParameters,
        buttons(template.buttons()));
  }

  /** The parameters of a template's buttons; buttons without one (a phone number) need none. */
  private static List<OutboundContent.TemplateButton> buttons(List<OpenTemplate.Button> buttons)
      throws Uncarried {
    List<OutboundContent.TemplateButton> values = new ArrayList<>();
    if (buttons == null) {
      return values;
    }
    for (int i = 0; i < buttons.size(); i++) {
      OpenTemplate.Button button = buttons.get(i);
      List<String> parameters = button == null ? List.of() : values(button.parameters());
      if (parameters.isEmpty()) {
        continue;
      }
      int index = button.index() == null ? i : button.index();
      if (index < 0) {
        throw new Uncarried("a template button with index " + index);
      }
      OutboundContent.TemplateButton.ButtonKind kind;
      if (OpenTemplate.Button.URL.equalsIgnoreCase(button.type())) {
        kind = OutboundContent.TemplateButton.ButtonKind.URL;
      } else if (OpenTemplate.Button.QUICK_REPLY.equalsIgnoreCase(button.type())) {
        kind = OutboundContent.TemplateButton.ButtonKind.QUICK_REPLY;
      } else {
        throw new Uncarried("a template button of type " + printable(button.type()));
      }
      values.add(new OutboundContent.TemplateButton(index, kind, parameters.get(0)));
    }
    return values;
  }

  private static List<String> values(List<OpenTemplate.Parameter> parameters) {
    List<String> values = new ArrayList<>();
    if (parameters != null) {
      for (OpenTemplate.Parameter parameter : parameters) {
        values.add(parameter == null || parameter.text() == null ? "" : parameter.text());
      }
    }
    return values;
  }

  /** A name from the payload, short and on one line, to quote in a receipt. */
  private static String printable(String value) {
    String flat = value.strip().replaceAll("\\s+", " ");
    return flat.length() > 40 ? flat.substring(0, 40) + "..." : flat;
  }

  /**
   * An attachment as media, its kind from {@code mediaType}, else the header type, else its media
   * type; {@code null} when it has no URL.
   */
  private static OutboundContent.Media media(OpenAttachment attachment, String headerType) {
    if (isBlank(attachment.url())) {
      return null;
    }
    String mime = attachment.mime() == null ? "" : attachment.mime().strip();
    MediaKind kind = kind(attachment.mediaType());
    if (kind == null) {
      kind = kind(headerType);
    }
    if (kind == null) {
      kind = kindOfMime(mime);
    }
    String filename = isBlank(attachment.filename()) ? null : attachment.filename().strip();
    return new OutboundContent.Media(kind, attachment.url().strip(), mime, filename, null);
  }

  /** The kind an Open Messaging {@code mediaType} (or template header type) names, or null. */
  private static MediaKind kind(String mediaType) {
    if (mediaType == null) {
      return null;
    }
    return switch (mediaType.strip().toLowerCase(Locale.ROOT)) {
      case "image" -> MediaKind.IMAGE;
      case "video" -> MediaKind.VIDEO;
      case "audio" -> MediaKind.AUDIO;
      case "file", "document" -> MediaKind.DOCUMENT;
      default -> null;
    };
  }

  private static MediaKind kindOfMime(String mime) {
    String type = mime.toLowerCase(Locale.ROOT);
    if (type.startsWith("image/")) {
      return MediaKind.IMAGE;
    }
    if (type.startsWith("video/")) {
      return MediaKind.VIDEO;
    }
    if (type.startsWith("audio/")) {
      return MediaKind.AUDIO;
    }
    return MediaKind.DOCUMENT;
  }

  private static boolean isA(OpenContent element, String contentType) {
    return element != null && contentType.equalsIgnoreCase(element.contentType());
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
