package dev.switchboard.domain.message;

import java.util.Objects;

/** What a customer sent. */
public sealed interface InboundContent
    permits InboundContent.Text, InboundContent.Media, InboundContent.ReplyTap {

  /** Plain text, or any content rendered as readable text for the agent. */
  record Text(String body) implements InboundContent {
    public Text {
      Objects.requireNonNull(body, "body");
    }
  }

  /**
   * An image, video, audio (voice notes too), document or sticker, still held by the channel.
   *
   * @param kind what it is
   * @param mediaId the channel's id of the bytes
   * @param mimeType the media type the channel states
   * @param sha256 the hash the channel states (hex); {@code null} when not given
   * @param filename the document's file name; {@code null} when none
   * @param caption the customer's caption; {@code null} when none
   */
  record Media(
      MediaKind kind,
      String mediaId,
      String mimeType,
      String sha256,
      String filename,
      String caption)
      implements InboundContent {
    public Media {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(mediaId, "mediaId");
      Objects.requireNonNull(mimeType, "mimeType");
      if (mediaId.isBlank()) {
        throw new IllegalArgumentException("media needs the channel's id of its bytes");
      }
    }
  }

  /**
   * A tap on a reply button or list row of a message sent to the customer.
   *
   * @param replyId the id the tapped option was sent with
   * @param title the option's title as the customer saw it
   * @param inReplyTo the channel's id of the message that offered it
   */
  record ReplyTap(String replyId, String title, String inReplyTo) implements InboundContent {
    public ReplyTap {
      Objects.requireNonNull(replyId, "replyId");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(inReplyTo, "inReplyTo");
    }
  }
}
