package dev.switchboard.adapters.telegram.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A Telegram user or bot ({@code User}): the sender of a message or of a tap.
 *
 * @param id the user's id (up to 52 bits)
 * @param isBot whether it is a bot
 * @param firstName the first name
 * @param lastName the last name
 * @param username the public username, without {@code @}
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record User(
    @Nullable Long id,
    @JsonProperty("is_bot") @Nullable Boolean isBot,
    @JsonProperty("first_name") @Nullable String firstName,
    @JsonProperty("last_name") @Nullable String lastName,
    @Nullable String username) {}
