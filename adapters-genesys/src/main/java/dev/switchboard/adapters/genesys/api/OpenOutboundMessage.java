package dev.switchboard.adapters.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What Genesys posts to the outbound notification webhook ({@code OpenOutboundNormalizedMessage}):
 * an agent's (or bot's) message, a receipt, or an event.
 *
 * @param id Genesys' id of the message: stable across redeliveries
 * @param channel the integration, the recipient ({@code to}) and the time
 * @param type {@code Text}, {@code Structured}, {@code Receipt} or {@code Event}
 * @param text the message text
 * @param content the content elements (attachments, quick replies, templates, ...)
 * @param events the events of an {@code Event} (typing, ...)
 * @param direction {@code Outbound}
 * @param originatingEntity {@code Human} or {@code Bot}
 * @param conversationId the Genesys conversation
 * @param status a receipt's status: {@code Delivered}, {@code Failed}, ...
 * @param reasons why a receipt's message failed
 * @param isFinalReceipt whether no later receipt follows for the message
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpenOutboundMessage(
    @Nullable String id,
    @Nullable OpenChannel channel,
    @Nullable String type,
    @Nullable String text,
    @Nullable List<OpenContent> content,
    @Nullable List<OpenEvent> events,
    @Nullable String direction,
    @Nullable String originatingEntity,
    @Nullable String conversationId,
    @Nullable String status,
    @Nullable List<OpenReason> reasons,
    @Nullable Boolean isFinalReceipt) {

  /** {@code type} of a plain text message. */
  public static final String TEXT = "Text";

  /** {@code type} of a message with structured content (quick replies, cards, ...). */
  public static final String STRUCTURED = "Structured";

  /** {@code type} of a receipt for a message the bridge sent to Genesys. */
  public static final String RECEIPT = "Receipt";

  /** {@code type} of an event such as typing. */
  public static final String EVENT = "Event";

  /** {@code status} of a receipt for a message that reached Genesys. */
  public static final String DELIVERED = "Delivered";

  /** {@code status} of a receipt for a message Genesys could not take, with its reasons. */
  public static final String FAILED = "Failed";

  /** {@code direction} of what goes from the customer towards Genesys (receipts of those). */
  public static final String INBOUND = "Inbound";

  /** {@code direction} of what goes from Genesys towards the customer. */
  public static final String OUTBOUND = "Outbound";

  @Override
  public String toString() {
    return "OpenOutboundMessage[id="
        + id
        + ", type="
        + type
        + ", status="
        + status
        + ", direction="
        + direction
        + "]";
  }
}
