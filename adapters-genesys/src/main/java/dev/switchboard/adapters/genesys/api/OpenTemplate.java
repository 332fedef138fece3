package dev.switchboard.adapters.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A pre-approved template an agent sends ({@code ConversationContentNotificationTemplate}).
 *
 * @param id {@code namespace@name}, or just the name
 * @param language the language code, e.g. {@code en_US}
 * @param header the header: text, or media
 * @param body the body text and its parameters
 * @param buttons the buttons and their parameters
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpenTemplate(
    @Nullable String id,
    @Nullable String language,
    @Nullable Header header,
    @Nullable Body body,
    @Nullable List<Button> buttons) {

  /**
   * The template's header ({@code ConversationNotificationTemplateHeader}).
   *
   * @param type {@code Text} or {@code Media} (also seen: {@code Image}, {@code Video}, {@code
   *     Document})
   * @param text the header text
   * @param media the header's media
   * @param parameters the values of a text header's parameters, in order
   */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Header(
      @Nullable String type,
      @Nullable String text,
      @Nullable OpenAttachment media,
      @Nullable List<Parameter> parameters) {}

  /**
   * One button of the template ({@code ConversationNotificationTemplateButton}).
   *
   * @param type {@code Url}, {@code QuickReply} or {@code PhoneNumber}
   * @param text the button's label
   * @param index its position in the template, from 0
   * @param parameters the value of its parameter: a URL button's suffix, a quick reply's payload
   */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Button(
      @Nullable String type,
      @Nullable String text,
      @Nullable Integer index,
      @Nullable List<Parameter> parameters) {

    /** {@code type} of a button that opens a web page. */
    public static final String URL = "Url";

    /** {@code type} of a button that sends back a payload. */
    public static final String QUICK_REPLY = "QuickReply";
  }

  /**
   * The template's body ({@code ConversationNotificationTemplateBody}).
   *
   * @param text the body as the agent saw it, parameters filled in
   * @param parameters the parameters' values, in order
   */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Body(@Nullable String text, @Nullable List<Parameter> parameters) {}

  /**
   * One parameter ({@code ConversationNotificationTemplateParameter}).
   *
   * @param name its placeholder's name
   * @param text its value
   */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Parameter(@Nullable String name, @Nullable String text) {}
}
