package dev.switchboard.adapters.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A delivery receipt for {@code POST .../inbound/open/receipt} ({@code
 * OpenInboundNormalizedReceipt}).
 *
 * @param id the Genesys id of the message the receipt is about
 * @param channel the recipient and the time
 * @param status {@code Delivered} or {@code Failed}
 * @param reasons why it failed; {@code null} unless failed
 * @param isFinalReceipt whether no further receipt follows for the message
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpenReceipt(
    String id,
    OpenChannel channel,
    String status,
    @Nullable List<OpenReason> reasons,
    @Nullable Boolean isFinalReceipt) {

  /** {@code status} of a delivered message. */
  public static final String DELIVERED = "Delivered";

  /** {@code status} of a failed message. */
  public static final String FAILED = "Failed";
}
