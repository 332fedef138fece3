package dev.switchboard.adapters.whatsapp.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The body of {@code POST /{phone-number-id}/messages}. Exactly one of {@code to} (a phone number)
 * and {@code recipient} (a business-scoped user id) is set, and exactly one content object, the one
 * {@code type} names; fields that are {@code null} are left out.
 *
 * @param messagingProduct always {@code whatsapp}
 * @param recipientType always {@code individual}
 * @param to the customer's phone number, digits without {@code +}
 * @param recipient the customer's business-scoped user id, when no phone number is known
 * @param type the message type: text, image, video, audio, document, sticker, interactive, template
 * @param text the text object of a {@code text} message
 * @param image the media object of an {@code image} message
 * @param video the media object of a {@code video} message
 * @param audio the media object of an {@code audio} message
 * @param document the media object of a {@code document} message
 * @param sticker the media object of a {@code sticker} message
 * @param interactive the interactive object of reply buttons, a list or a link button
 * @param template the template object of a {@code template} message
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendMessageRequest(
    @JsonProperty("messaging_product") String messagingProduct,
    @JsonProperty("recipient_type") String recipientType,
    @Nullable String to,
    @Nullable String recipient,
    String type,
    @Nullable Text text,
    @Nullable MediaObject image,
    @Nullable MediaObject video,
    @Nullable MediaObject audio,
    @Nullable MediaObject document,
    @Nullable MediaObject sticker,
    @Nullable Interactive interactive,
    @Nullable Template template) {

  private static final String PRODUCT = "whatsapp";
  private static final String INDIVIDUAL = "individual";

  /** A text message. */
  public static SendMessageRequest text(
      @Nullable String to, @Nullable String recipient, Text text) {
    return new SendMessageRequest(
        PRODUCT, INDIVIDUAL, to, recipient, "text", text, null, null, null, null, null, null, null);
  }

  /**
   * A media message.
   *
   * @param type image, video, audio, document or sticker
   */
  public static SendMessageRequest media(
      @Nullable String to, @Nullable String recipient, String type, MediaObject media) {
    return new SendMessageRequest(
        PRODUCT,
        INDIVIDUAL,
        to,
        recipient,
        type,
        null,
        type.equals("image") ? media : null,
        type.equals("video") ? media : null,
        type.equals("audio") ? media : null,
        type.equals("document") ? media : null,
        type.equals("sticker") ? media : null,
        null,
        null);
  }

  /** Reply buttons or a list. */
  public static SendMessageRequest interactive(
      @Nullable String to, @Nullable String recipient, Interactive interactive) {
    return new SendMessageRequest(
        PRODUCT,
        INDIVIDUAL,
        to,
        recipient,
        "interactive",
        null,
        null,
        null,
        null,
        null,
        null,
        interactive,
        null);
  }

  /** A template message. */
  public static SendMessageRequest template(
      @Nullable String to, @Nullable String recipient, Template template) {
    return new SendMessageRequest(
        PRODUCT,
        INDIVIDUAL,
        to,
        recipient,
        "template",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        template);
  }

  /** The {@code text} object: the body, with link previews off. */
  @Serdeable
  public record Text(@JsonProperty("preview_url") boolean previewUrl, String body) {}

  /**
   * A media object: an uploaded media's {@code id} or a {@code link}; a caption (not for audio and
   * stickers) and a document's file name.
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MediaObject(
      @Nullable String id,
      @Nullable String link,
      @Nullable String caption,
      @Nullable String filename) {}

  /**
   * The {@code interactive} object.
   *
   * @param type {@code button}, {@code list} or {@code cta_url}
   * @param header an image above the body; {@code null} when none
   * @param body the question
   * @param action the buttons, the list's button label and sections, or the link
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Interactive(String type, @Nullable Header header, Body body, Action action) {

    /** Without a header. */
    public Interactive(String type, Body body, Action action) {
      this(type, null, body, action);
    }
  }

  /** The header of an interactive message: an image, by its uploaded media id. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Header(String type, @Nullable MediaObject image) {

    /** An image header. */
    public static Header image(MediaObject image) {
      return new Header("image", image);
    }
  }

  /** The text of an interactive message. */
  @Serdeable
  public record Body(String text) {}

  /**
   * What the customer can tap: {@code buttons} (reply buttons), or {@code button} (the label that
   * opens a list) and {@code sections} (a list), or {@code name} {@code cta_url} and its {@code
   * parameters} (a button that opens a web page).
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Action(
      @Nullable List<Button> buttons,
      @Nullable String button,
      @Nullable List<Section> sections,
      @Nullable String name,
      @Nullable CtaUrl parameters) {

    /** Reply buttons or a list. */
    public Action(
        @Nullable List<Button> buttons, @Nullable String button, @Nullable List<Section> sections) {
      this(buttons, button, sections, null, null);
    }

    /** A button that opens {@code url}. */
    public static Action ctaUrl(String displayText, String url) {
      return new Action(null, null, null, "cta_url", new CtaUrl(displayText, url));
    }
  }

  /** The label and address of a {@code cta_url} button. */
  @Serdeable
  public record CtaUrl(@JsonProperty("display_text") String displayText, String url) {}

  /** A reply button: always of type {@code reply}. */
  @Serdeable
  public record Button(String type, Reply reply) {}

  /** A reply button's id (echoed back when tapped) and title. */
  @Serdeable
  public record Reply(String id, String title) {}

  /** A section of a list. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Section(@Nullable String title, List<Row> rows) {}

  /** A row of a list: id (echoed back when chosen), title, and an optional description. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Row(String id, String title, @Nullable String description) {}

  /**
   * The {@code template} object.
   *
   * @param name the template's name
   * @param language the template's language
   * @param components the values of its header and body parameters; {@code null} when none
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Template(String name, Language language, @Nullable List<Component> components) {}

  /** A template's language, e.g. {@code en_US}. */
  @Serdeable
  public record Language(String code) {}

  /**
   * A template component: {@code header} or {@code body} with its parameters, or a {@code button}
   * with its {@code sub_type} ({@code url}, {@code quick_reply}) and {@code index}.
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Component(
      String type,
      @JsonProperty("sub_type") @Nullable String subType,
      @Nullable String index,
      List<Parameter> parameters) {

    /** A header or body component. */
    public Component(String type, List<Parameter> parameters) {
      this(type, null, null, parameters);
    }

    /** The parameter of the button at {@code index}. */
    public static Component button(String subType, int index, Parameter parameter) {
      return new Component("button", subType, String.valueOf(index), List.of(parameter));
    }
  }

  /**
   * A template parameter: {@code text} with its text, {@code payload} with its payload (a
   * quick-reply button), or {@code image}, {@code video}, {@code document} with the media object of
   * that name.
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Parameter(
      String type,
      @Nullable String text,
      @Nullable String payload,
      @Nullable MediaObject image,
      @Nullable MediaObject video,
      @Nullable MediaObject document) {

    /** A text parameter. */
    public static Parameter text(String text) {
      return new Parameter("text", text, null, null, null, null);
    }

    /** A quick-reply button's payload. */
    public static Parameter payload(String payload) {
      return new Parameter("payload", null, payload, null, null, null);
    }

    /** A media parameter of {@code type} image, video or document. */
    public static Parameter media(String type, MediaObject media) {
      return new Parameter(
          type,
          null,
          null,
          type.equals("image") ? media : null,
          type.equals("video") ? media : null,
          type.equals("document") ? media : null);
    }
  }
}
