package dev.switchboard.adapters.whatsapp.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A Graph API error: the {@code error} object of a refused call, or an item of a {@code failed}
 * status' {@code errors[]} (which has {@code title} where the call's error has {@code type}).
 *
 * @param code the error code, e.g. 131047
 * @param subcode the {@code error_subcode}, when given
 * @param title a short description (status webhooks)
 * @param message the description
 * @param type the exception type, e.g. OAuthException (API answers)
 * @param errorData details
 * @param fbtraceId Meta's trace id of the call, for support requests
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record GraphError(
    @Nullable Integer code,
    @JsonProperty("error_subcode") @Nullable Integer subcode,
    @Nullable String title,
    @Nullable String message,
    @Nullable String type,
    @JsonProperty("error_data") @Nullable ErrorData errorData,
    @JsonProperty("fbtrace_id") @Nullable String fbtraceId) {

  /** The {@code error_data} object. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ErrorData(@Nullable String details) {}

  /** The {@code error_data.details}, or {@code null}. */
  public @Nullable String details() {
    return errorData == null ? null : errorData.details();
  }
}
