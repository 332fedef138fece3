package dev.switchboard.domain.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What an agent sends to a customer. */
public sealed interface OutboundContent
    permits OutboundContent.Text,
        OutboundContent.Media,
        OutboundContent.QuickReplies,
        OutboundContent.Card,
        OutboundContent.Template,
        OutboundContent.Sequence,
        OutboundContent.Unsupported {

  /** Whether this is a pre-approved template, which may be sent outside the 24-hour window. */
  default boolean isTemplate() {
    return false;
  }

  /**
   * The attachment fetched from the contact center before this is sent (a media, a card's image, a
   * template's header media); empty when it carries none.
   */
  default Optional<Media> attachmentToFetch() {
    return Optional.empty();
  }

  /** The answers this send offers the customer to tap, in order; empty when none. */
  default List<QuickReply> offeredReplies() {
    return List.of();
  }

  /** What of this content cannot be carried to the customer; empty when all of it can. */
  default Optional<String> uncarried() {
    return Optional.empty();
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

    @Override
    public Optional<Media> attachmentToFetch() {
      return Optional.of(this);
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

    @Override
    public List<QuickReply> offeredReplies() {
      return options;
    }
  }

  /**
   * A card: an image, a title and a description, with buttons that answer the contact center
   * ({@link QuickReply#button() postbacks}) and links that open a web page.
   *
   * @param title the card's title
   * @param description the text under it; {@code null} when none
   * @param image its image, fetched from the contact center; {@code null} when none
   * @param postbacks the buttons that answer the contact center with their payload, in order
   * @param links the buttons that open a web page, in order
   */
  record Card(
      String title, String description, Media image, List<QuickReply> postbacks, List<Link> links)
      implements OutboundContent {
    public Card {
      Objects.requireNonNull(title, "title");
      postbacks = postbacks == null ? List.of() : List.copyOf(postbacks);
      links = links == null ? List.of() : List.copyOf(links);
      if (title.isBlank() && (description == null || description.isBlank()) && image == null) {
        throw new IllegalArgumentException("a card needs a title, a description or an image");
      }
      if (postbacks.stream().anyMatch(p -> !p.button())) {
        throw new IllegalArgumentException("a card's postbacks are buttons");
      }
    }

    /** The card's words: its title and its description, one per line. */
    public String text() {
      String words = title.strip();
      if (description != null && !description.isBlank()) {
        words = words.isEmpty() ? description.strip() : words + "\n" + description.strip();
      }
      return words;
    }

    @Override
    public Optional<Media> attachmentToFetch() {
      return Optional.ofNullable(image);
    }

    @Override
    public List<QuickReply> offeredReplies() {
      return postbacks;
    }
  }

  /**
   * A button that opens a web page.
   *
   * @param text what the customer sees
   * @param url the page
   */
  record Link(String text, String url) {
    public Link {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(url, "url");
      if (text.isBlank() || url.isBlank()) {
        throw new IllegalArgumentException("a link needs a text and a URL");
      }
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
   * @param headerParameters the values of a text header's parameters, in order
   * @param buttons the values of its buttons' parameters, in the order of their index
   */
  record Template(
      String namespace,
      String name,
      String language,
      List<String> bodyParameters,
      Media header,
      List<String> headerParameters,
      List<TemplateButton> buttons)
      implements OutboundContent {
    public Template {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(language, "language");
      bodyParameters = List.copyOf(bodyParameters);
      // absent in what was stored before templates carried them
      headerParameters = headerParameters == null ? List.of() : List.copyOf(headerParameters);
      buttons = buttons == null ? List.of() : List.copyOf(buttons);
      if (name.isBlank() || language.isBlank()) {
        throw new IllegalArgumentException("a template needs a name and a language");
      }
      if (header != null && !headerParameters.isEmpty()) {
        throw new IllegalArgumentException("a template's header is media or text, not both");
      }
    }

    /** A template with body parameters and a media header only. */
    public Template(
        String namespace, String name, String language, List<String> bodyParameters, Media header) {
      this(namespace, name, language, bodyParameters, header, List.of(), List.of());
    }

    @Override
    public boolean isTemplate() {
      return true;
    }

    @Override
    public Optional<Media> attachmentToFetch() {
      return Optional.ofNullable(header);
    }
  }

  /**
   * The parameter of one button of a template.
   *
   * @param index the button's position in the template, from 0
   * @param kind what the button does
   * @param value the suffix of a URL button's address, or the payload of a quick-reply button
   */
  record TemplateButton(int index, ButtonKind kind, String value) {
    /** What a template button does. */
    public enum ButtonKind {
      /** Opens a web page whose address ends in the parameter. */
      URL,
      /** Sends the parameter back as a payload. */
      QUICK_REPLY
    }

    public TemplateButton {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(value, "value");
      if (index < 0) {
        throw new IllegalArgumentException("a template button's index is 0 or more");
      }
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

    @Override
    public Optional<String> uncarried() {
      return parts.stream().flatMap(part -> part.uncarried().stream()).findFirst();
    }
  }

  /**
   * A message that cannot be carried whole to the customer: nothing of it is sent, and the contact
   * center is told why.
   *
   * @param what what could not be carried, as the agent should read it
   */
  record Unsupported(String what) implements OutboundContent {
    public Unsupported {
      Objects.requireNonNull(what, "what");
      if (what.isBlank()) {
        throw new IllegalArgumentException("say what cannot be carried");
      }
    }

    @Override
    public Optional<String> uncarried() {
      return Optional.of(what);
    }
  }
}
