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
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpenTemplate(
    @Nullable String id, @Nullable String language, @Nullable Header header, @Nullable Body body) {

  /**
   * The template's header ({@code ConversationNotificationTemplateHeader}).
   *
   * @param type {@code Text} or {@code Media} (also seen: {@code Image}, {@code Video}, {@code
   *     Document})
   * @param text the header text
   * @param media the header's media
   */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Header(
      @Nullable String type, @Nullable String text, @Nullable OpenAttachment media) {}

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
