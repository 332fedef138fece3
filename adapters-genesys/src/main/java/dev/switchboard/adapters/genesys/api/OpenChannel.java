package dev.switchboard.adapters.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The {@code channel} of a receipt the bridge sends, and of what Genesys sends on the outbound
 * webhook.
 *
 * @param id the integration id (outbound webhook only)
 * @param platform {@code Open} (outbound webhook only)
 * @param type {@code Private} (outbound webhook only)
 * @param messageId the id of the message
 * @param from who sent it
 * @param to who it is for (receipts, outbound messages)
 * @param time when it happened, ISO-8601 UTC ({@code yyyy-MM-ddTHH:mm:ss.SSSZ})
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpenChannel(
    @Nullable String id,
    @Nullable String platform,
    @Nullable String type,
    @Nullable String messageId,
    @Nullable OpenRecipient from,
    @Nullable OpenRecipient to,
    @Nullable String time) {

  /** The channel of a receipt: the recipient of the message it reports on, and the time. */
  public static OpenChannel receipt(OpenRecipient to, String time) {
    return new OpenChannel(null, null, null, null, null, to, time);
  }
}
