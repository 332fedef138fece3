package dev.switchboard.domain.channel;

import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.TextSplitter;
import java.util.ArrayList;
import java.util.List;

/**
 * A channel's limits on one send, applied to what an agent sends: a text longer than the channel's
 * text limit becomes several texts, a caption longer than its caption limit follows its attachment
 * as text, more options than it offers to tap become a numbered text. Content beyond the limits
 * thus becomes several sends, in order.
 */
public final class SendParts {

  private final ChannelCapabilities limits;
  private final List<OutboundContent> parts = new ArrayList<>();

  private SendParts(ChannelCapabilities limits) {
    this.limits = limits;
  }

  /** The sends that carry {@code content}, each within the channel's limits. */
  public static List<OutboundContent> of(OutboundContent content, ChannelCapabilities limits) {
    SendParts sends = new SendParts(limits);
    sends.add(content);
    return List.copyOf(sends.parts);
  }

  private void add(OutboundContent content) {
    if (content instanceof OutboundContent.Sequence sequence) {
      sequence.parts().forEach(this::add);
    } else if (content instanceof OutboundContent.Text text) {
      TextSplitter.split(text.body(), limits.textLimit())
          .forEach(p -> parts.add(new OutboundContent.Text(p)));
    } else if (content instanceof OutboundContent.Media media) {
      addMedia(media);
    } else if (content instanceof OutboundContent.QuickReplies replies
        && replies.options().size() > limits.maxTappableOptions()) {
      add(new OutboundContent.Text(numbered(replies)));
    } else {
      parts.add(content);
    }
  }

  private void addMedia(OutboundContent.Media media) {
    String caption = media.caption();
    if (caption == null || caption.isBlank()) {
      parts.add(media.withCaption(null));
    } else if (caption.length() <= limits.captionLimit()) {
      parts.add(media);
    } else {
      parts.add(media.withCaption(null));
      add(new OutboundContent.Text(caption));
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
