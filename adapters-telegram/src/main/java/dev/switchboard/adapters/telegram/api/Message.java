package dev.switchboard.adapters.telegram.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What every message ({@code Message}) has, and its text: each kind's object (photo, document,
 * location, ...) is read on its own, so that an odd one never spoils the rest. Also the shape of
 * the {@code result} of a successful {@code send*} call.
 *
 * @param messageId the message's id, unique within its chat
 * @param from the sender; absent for messages sent to channels
 * @param chat the chat it belongs to
 * @param date when it was sent, epoch seconds
 * @param editDate when it was last edited, epoch seconds (edited messages)
 * @param text the text of a text message
 * @param caption the caption of a media message
 * @param replyToMessage the message this one replies to, in the same chat
 * @param replyMarkup the inline keyboard attached to the message
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record Message(
    @JsonProperty("message_id") @Nullable Long messageId,
    @Nullable User from,
    @Nullable Chat chat,
    @Nullable Long date,
    @JsonProperty("edit_date") @Nullable Long editDate,
    @Nullable String text,
    @Nullable String caption,
    @JsonProperty("reply_to_message") @Nullable Reference replyToMessage,
    @JsonProperty("reply_markup") @Nullable InlineKeyboardMarkup replyMarkup) {

  /** Another message, by its id only. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Reference(@JsonProperty("message_id") @Nullable Long messageId) {}
}
