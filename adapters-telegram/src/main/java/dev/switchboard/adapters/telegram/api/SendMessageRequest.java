package dev.switchboard.adapters.telegram.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code sendMessage}: plain text (no {@code parse_mode}, so that nothing the agent
 * writes is taken for markup), with an inline keyboard for quick replies.
 *
 * @param chatId the chat to send to
 * @param text the text, 1 to 4096 characters
 * @param replyMarkup the buttons under it; {@code null} (left out) when none
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendMessageRequest(
    @JsonProperty("chat_id") String chatId,
    String text,
    @JsonProperty("reply_markup") @Nullable InlineKeyboardMarkup replyMarkup) {}
