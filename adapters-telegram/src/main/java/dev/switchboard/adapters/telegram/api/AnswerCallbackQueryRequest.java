package dev.switchboard.adapters.telegram.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code answerCallbackQuery}: ends the progress shown on the button the customer
 * tapped, showing nothing more.
 *
 * @param callbackQueryId the id of the tap
 */
@Serdeable
public record AnswerCallbackQueryRequest(
    @JsonProperty("callback_query_id") String callbackQueryId) {}
