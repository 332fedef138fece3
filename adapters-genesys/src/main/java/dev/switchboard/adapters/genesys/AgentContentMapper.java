package dev.switchboard.adapters.genesys;

import dev.switchboard.adapters.genesys.api.OpenAttachment;
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
 * message text as the first one's caption; other elements are left out.
 */
final class AgentContentMapper {

  /** Outbound content, or why there is none; exactly one of the two is set. */
  record Mapped(OutboundContent content, String problem) {
    static Mapped of(OutboundContent content) {
      return new Mapped(content, null);
    }

    static Mapped unusable(String problem) {
      return new Mapped(null, problem);
    }
  }

  private static final String TEMPLATE_SEPARATOR = "@";

  /** The content of a {@code Text} or {@code Structured} message. */
  Mapped map(OpenOutboundMessage message) {
    String type = message.type();
    if (!OpenOutboundMessage.TEXT.equalsIgnoreCase(type)
        && !OpenOutboundMessage.STRUCTURED.equalsIgnoreCase(type)) {
      return Mapped.unusable("an unsupported Genesys message type: " + type);
    }
    List<OpenContent> content = message.content() == null ? List.of() : message.content();
    String text = isBlank(message.text()) ? null : message.text();
    for (OpenContent element : content) {
      if (isA(element, OpenContent.NOTIFICATION) && element.template() != null) {
        return template(element.template());
      }
    }
    List<OutboundContent> parts = new ArrayList<>();
    for (OpenContent element : content) {
      if (isA(element, OpenContent.ATTACHMENT) && element.attachment() != null) {
        OutboundContent.Media media = media(element.attachment(), null);
        if (media != null) {
          parts.add(media);
        }
      }
    }
    List<QuickReply> options = quickReplies(content);
    if (!options.isEmpty()) {
      if (text == null) {
        return Mapped.unusable("a Genesys Structured message without text for its quick replies");
      }
      parts.add(new OutboundContent.QuickReplies(text, options));
    } else if (!parts.isEmpty() && text != null) {
      parts.set(0, ((OutboundContent.Media) parts.get(0)).withCaption(text));
    } else if (text != null) {
      parts.add(new OutboundContent.Text(text));
    }
    if (parts.isEmpty()) {
      return Mapped.unusable("a Genesys " + type + " message without text");
    }
    return Mapped.of(parts.size() == 1 ? parts.get(0) : new OutboundContent.Sequence(parts));
  }

  private static List<QuickReply> quickReplies(List<OpenContent> content) {
    List<QuickReply> options = new ArrayList<>();
    for (OpenContent element : content) {
      OpenQuickReply reply = element.quickReply();
      if (isA(element, OpenContent.QUICK_REPLY) && reply != null && !isBlank(reply.text())) {
        String payload = isBlank(reply.payload()) ? reply.text() : reply.payload();
        options.add(new QuickReply(reply.text(), payload));
      }
    }
    return options;
  }

  /** A template: {@code namespace@name} (or a bare name), language, body parameters, header. */
  private static Mapped template(OpenTemplate template) {
    String id = template.id() == null ? "" : template.id().strip();
    int at = id.lastIndexOf(TEMPLATE_SEPARATOR);
    String namespace = at > 0 ? id.substring(0, at) : null;
    String name = at >= 0 ? id.substring(at + 1) : id;
    if (name.isBlank() || isBlank(template.language())) {
      return Mapped.unusable("a Genesys Notification template without an id or a language");
    }
    List<String> parameters = new ArrayList<>();
    if (template.body() != null && template.body().parameters() != null) {
      for (OpenTemplate.Parameter parameter : template.body().parameters()) {
        parameters.add(parameter == null || parameter.text() == null ? "" : parameter.text());
      }
    }
    OpenTemplate.Header header = template.header();
    OutboundContent.Media media =
        header == null || header.media() == null ? null : media(header.media(), header.type());
    return Mapped.of(
        new OutboundContent.Template(
            namespace, name.strip(), template.language().strip(), parameters, media));
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
