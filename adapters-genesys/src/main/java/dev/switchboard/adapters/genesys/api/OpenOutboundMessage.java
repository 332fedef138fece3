package dev.switchboard.adapters.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What Genesys posts to the outbound notification webhook ({@code OpenOutboundNormalizedMessage}):
 * an agent's (or bot's) message, or a receipt or event that needs no sending.
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
    @Nullable String conversationId) {

  /** {@code type} of a plain text message. */
  public static final String TEXT = "Text";

  /** {@code type} of a message with structured content (quick replies, cards, ...). */
  public static final String STRUCTURED = "Structured";

  /** {@code type} of a receipt for a message the bridge sent to Genesys. */
  public static final String RECEIPT = "Receipt";

  /** {@code type} of an event such as typing. */
  public static final String EVENT = "Event";

  /** {@code direction} of what goes from Genesys towards the customer. */
  public static final String OUTBOUND = "Outbound";

  @Override
  public String toString() {
    return "OpenOutboundMessage[id=" + id + ", type=" + type + ", direction=" + direction + "]";
  }
}
