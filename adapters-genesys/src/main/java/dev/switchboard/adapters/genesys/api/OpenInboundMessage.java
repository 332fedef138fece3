package dev.switchboard.adapters.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A customer's message for {@code POST .../inbound/open/message} ({@code
 * OpenInboundNormalizedMessage}).
 *
 * @param channel the message id, sender and time
 * @param text the message text
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpenInboundMessage(OpenChannel channel, @Nullable String text) {

  @Override
  public String toString() {
    return "OpenInboundMessage[messageId=" + channel.messageId() + "]";
  }
}
