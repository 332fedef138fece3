package dev.switchboard.adapters.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One event of an {@code Event} webhook ({@code ConversationNormalizedEvent}).
 *
 * @param eventType {@code Typing}, ...
 * @param typing the typing indicator of a {@code Typing} event
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpenEvent(@Nullable String eventType, @Nullable Typing typing) {

  /** {@code eventType} of a typing indicator. */
  public static final String TYPING = "Typing";

  /**
   * A typing indicator ({@code ConversationEventTyping}).
   *
   * @param type {@code On} (or {@code Off})
   * @param duration how long it lasts, in milliseconds
   */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Typing(@Nullable String type, @Nullable Long duration) {

    /** {@code type} of an agent who is typing. */
    public static final String ON = "On";
  }
}
