package dev.switchboard.adapters.telegram.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code sendChatAction}: shows the customer "typing…" for about five seconds, or until
 * the next message.
 *
 * @param chatId the chat to show it in
 * @param action what is shown
 */
@Serdeable
public record ChatActionRequest(@JsonProperty("chat_id") String chatId, String action) {

  /** The "typing…" action in {@code chatId}. */
  public static ChatActionRequest typing(String chatId) {
    return new ChatActionRequest(chatId, "typing");
  }
}
