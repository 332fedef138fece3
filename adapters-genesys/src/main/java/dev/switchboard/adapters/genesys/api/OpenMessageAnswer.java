package dev.switchboard.adapters.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What Genesys answers to an Open Messaging call (the message or receipt as it took it): a {@code
 * status} of {@code Failed} means it did not take it, even with HTTP 200.
 *
 * @param status {@code Sent}, {@code Delivered}, {@code Failed}, ...
 * @param reasons why it failed
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpenMessageAnswer(@Nullable String status, @Nullable List<OpenReason> reasons) {

  /** {@code status} of a call Genesys did not take. */
  public static final String FAILED = "Failed";
}
