package dev.switchboard.adapters.telegram.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The envelope of every Bot API answer, without its {@code result} (read on its own, in the shape
 * of the method called): {@code {"ok": true, "result": ...}} or {@code {"ok": false, "error_code":
 * 429, "description": "...", "parameters": {"retry_after": 5}}}.
 *
 * @param ok whether the call succeeded
 * @param errorCode the error's code, usually the HTTP status
 * @param description what went wrong, for people
 * @param parameters what may help to succeed
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiResponse(
    @Nullable Boolean ok,
    @JsonProperty("error_code") @Nullable Integer errorCode,
    @Nullable String description,
    @Nullable Parameters parameters) {

  /**
   * {@code ResponseParameters}.
   *
   * @param retryAfter after a flood-control refusal (429), how many seconds to wait
   * @param migrateToChatId the new id of a group that became a supergroup
   */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Parameters(
      @JsonProperty("retry_after") @Nullable Long retryAfter,
      @JsonProperty("migrate_to_chat_id") @Nullable Long migrateToChatId) {}
}
