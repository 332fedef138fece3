package dev.switchboard.adapters.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The {@code channel} of what the bridge sends Genesys for a customer ({@code
 * OpenInboundMessageMessagingChannel}): a message or a structured response.
 *
 * @param messageId the messaging platform's id of the message (the WhatsApp wamid)
 * @param from who sent it
 * @param time when it was sent, ISO-8601 UTC ({@code yyyy-MM-ddTHH:mm:ss.SSSZ})
 * @param metadata custom attributes for the conversation; {@code null} when none
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpenInboundChannel(
    String messageId, OpenRecipient from, String time, @Nullable OpenMetadata metadata) {

  @Override
  public String toString() {
    return "OpenInboundChannel[messageId=" + messageId + ", from=" + from + "]";
  }
}
