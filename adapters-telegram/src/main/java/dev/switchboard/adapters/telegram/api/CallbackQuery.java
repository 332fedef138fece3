package dev.switchboard.adapters.telegram.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A tap on a button of an inline keyboard ({@code CallbackQuery}). It carries no date.
 *
 * @param id the query's id, to answer it by ({@code answerCallbackQuery})
 * @param from who tapped
 * @param message the message whose keyboard was tapped; absent for messages sent in inline mode
 * @param data the {@code callback_data} of the button tapped
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallbackQuery(
    @Nullable String id, @Nullable User from, @Nullable Message message, @Nullable String data) {}
