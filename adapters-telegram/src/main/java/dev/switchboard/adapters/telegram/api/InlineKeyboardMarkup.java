package dev.switchboard.adapters.telegram.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Buttons shown under a message ({@code InlineKeyboardMarkup}), row by row: sent with quick replies
 * and cards, and read back from the message a tap names to find the title of the button tapped.
 *
 * @param inlineKeyboard the rows of buttons
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record InlineKeyboardMarkup(
    @JsonProperty("inline_keyboard") @Nullable List<List<InlineKeyboardButton>> inlineKeyboard) {

  /**
   * One button ({@code InlineKeyboardButton}).
   *
   * @param text what it says
   * @param callbackData what a tap on it sends back (1 to 64 bytes)
   * @param url the URL it opens, for a link button
   */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record InlineKeyboardButton(
      @Nullable String text,
      @JsonProperty("callback_data") @Nullable String callbackData,
      @Nullable String url) {

    /** A button whose tap sends {@code callbackData} back. */
    public static InlineKeyboardButton callback(String text, String callbackData) {
      return new InlineKeyboardButton(text, callbackData, null);
    }

    /** A button that opens {@code url}. */
    public static InlineKeyboardButton link(String text, String url) {
      return new InlineKeyboardButton(text, null, url);
    }
  }
}
