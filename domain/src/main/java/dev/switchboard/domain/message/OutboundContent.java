package dev.switchboard.domain.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What an agent sends to a customer. */
public sealed interface OutboundContent
    permits OutboundContent.Text,
        OutboundContent.Media,
        OutboundContent.QuickReplies,
        OutboundContent.Template,
        OutboundContent.Sequence {

  /** Whether this is a pre-approved template, which may be sent outside the 24-hour window. */
  default boolean isTemplate() {
    return false;
  }

  /** Free-form text. */
  record Text(String body) implements OutboundContent {
    public Text {
      Objects.requireNonNull(body, "body");
    }
  }

  /**
   * An attachment the agent sent, fetched from the contact center before it is sent.
   *
   * @param kind what it is
   * @param url where the contact center serves it
   * @param mimeType its media type
   * @param filename its file name; {@code null} when none
   * @param caption text sent with it; {@code null} when none
   */
  record Media(MediaKind kind, String url, String mimeType, String filename, String caption)
      implements OutboundContent {
    public Media {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(mimeType, "mimeType");
    }

    /** The same attachment with another caption. */
    public Media withCaption(String other) {
      return new Media(kind, url, mimeType, filename, other);
    }
  }

  /**
   * A question with answers to tap.
   *
   * @param text the question
   * @param options the answers, in order
   */
  record QuickReplies(String text, List<QuickReply> options) implements OutboundContent {
    public QuickReplies {
      Objects.requireNonNull(text, "text");
      options = List.copyOf(options);
      if (options.isEmpty()) {
        throw new IllegalArgumentException("quick replies need at least one option");
      }
    }

    /** The option sent with {@code replyId} (see {@link QuickReply#idAt(int)}). */
    public Optional<QuickReply> option(String replyId) {
      return QuickReply.chosen(options, replyId);
    }
  }

  /**
   * A pre-approved template.
   *
   * @param namespace the template's namespace; {@code null} when none was given
   * @param name the template's name
   * @param language its language code, e.g. {@code en_US}
   * @param bodyParameters the values of the body's parameters, in order
   * @param header a media header; {@code null} when none
   */
  record Template(
      String namespace, String name, String language, List<String> bodyParameters, Media header)
      implements OutboundContent {
    public Template {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(language, "language");
      bodyParameters = List.copyOf(bodyParameters);
      if (name.isBlank() || language.isBlank()) {
        throw new IllegalArgumentException("a template needs a name and a language");
      }
    }

    @Override
    public boolean isTemplate() {
      return true;
    }
  }

  /** Several contents sent one after the other (text with several attachments). */
  record Sequence(List<OutboundContent> parts) implements OutboundContent {
    public Sequence {
      parts = List.copyOf(parts);
      if (parts.isEmpty()) {
        throw new IllegalArgumentException("a sequence needs at least one part");
      }
    }

    @Override
    public boolean isTemplate() {
      return parts.stream().allMatch(OutboundContent::isTemplate);
    }
  }
}
