package dev.switchboard.domain.message;

import java.util.ArrayList;
import java.util.List;

/**
 * WhatsApp's limits on one send, applied to what an agent sends: a text of at most 4,096
 * characters, a caption of at most 1,024, at most ten options to tap. Content beyond them becomes
 * several sends, in order.
 */
public final class SendParts {

  /** The longest text of one send. */
  public static final int TEXT_LIMIT = 4096;

  /** The longest caption of one attachment. */
  public static final int CAPTION_LIMIT = 1024;

  /** The most options one interactive message offers; more become a numbered text. */
  public static final int MAX_TAPPABLE_OPTIONS = 10;

  private SendParts() {}

  /** The sends that carry {@code content}, each within WhatsApp's limits. */
  public static List<OutboundContent> of(OutboundContent content) {
    List<OutboundContent> parts = new ArrayList<>();
    add(content, parts);
    return parts;
  }

  private static void add(OutboundContent content, List<OutboundContent> parts) {
    if (content instanceof OutboundContent.Sequence sequence) {
      sequence.parts().forEach(part -> add(part, parts));
    } else if (content instanceof OutboundContent.Text text) {
      TextSplitter.split(text.body(), TEXT_LIMIT)
          .forEach(p -> parts.add(new OutboundContent.Text(p)));
    } else if (content instanceof OutboundContent.Media media) {
      addMedia(media, parts);
    } else if (content instanceof OutboundContent.QuickReplies replies
        && replies.options().size() > MAX_TAPPABLE_OPTIONS) {
      add(new OutboundContent.Text(numbered(replies)), parts);
    } else {
      parts.add(content);
    }
  }

  private static void addMedia(OutboundContent.Media media, List<OutboundContent> parts) {
    String caption = media.caption();
    if (caption == null || caption.isBlank()) {
      parts.add(media.withCaption(null));
    } else if (caption.length() <= CAPTION_LIMIT) {
      parts.add(media);
    } else {
      parts.add(media.withCaption(null));
      add(new OutboundContent.Text(caption), parts);
    }
  }

  private static String numbered(OutboundContent.QuickReplies replies) {
    StringBuilder text = new StringBuilder(replies.text().strip());
    for (int i = 0; i < replies.options().size(); i++) {
      text.append('\n').append(i + 1).append(". ").append(replies.options().get(i).title());
    }
    return text.toString().strip();
  }
}
