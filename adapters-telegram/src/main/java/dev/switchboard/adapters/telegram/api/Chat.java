package dev.switchboard.adapters.telegram.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The chat a message belongs to ({@code Chat}).
 *
 * @param id the chat's id: the user's id in a private chat, negative for groups and channels
 * @param type {@code private}, {@code group}, {@code supergroup} or {@code channel}
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record Chat(@Nullable Long id, @Nullable String type) {

  /** The type of a one-to-one chat between a user and the bot. */
  public static final String PRIVATE = "private";

  /** Whether this is a one-to-one chat between a user and the bot. */
  public boolean isPrivate() {
    return PRIVATE.equals(type);
  }
}
