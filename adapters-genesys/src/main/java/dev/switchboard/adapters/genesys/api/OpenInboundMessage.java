package dev.switchboard.adapters.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A customer's message for {@code POST .../inbound/open/message} ({@code
 * OpenInboundNormalizedMessage}).
 *
 * @param channel the message id, sender, time and custom attributes
 * @param text the message text (or an attachment's caption); {@code null} when none
 * @param content the attachments; {@code null} when none
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpenInboundMessage(
    OpenInboundChannel channel, @Nullable String text, @Nullable List<OpenContent> content) {

  @Override
  public String toString() {
    return "OpenInboundMessage[messageId="
        + channel.messageId()
        + ", content="
        + (content == null ? 0 : content.size())
        + "]";
  }
}
