package dev.switchboard.adapters.genesys;

import dev.switchboard.adapters.genesys.api.OpenOutboundMessage;
import dev.switchboard.domain.message.OutboundContent;

/**
 * Maps the content of an agent's Genesys message to what is sent to the customer: the one place
 * that knows Genesys' message types and content elements.
 */
final class AgentContentMapper {

  /** Outbound content, or why there is none; exactly one of the two is set. */
  record Mapped(OutboundContent content, String problem) {
    static Mapped of(OutboundContent content) {
      return new Mapped(content, null);
    }

    static Mapped unusable(String problem) {
      return new Mapped(null, problem);
    }
  }

  /** The content of a {@code Text} or {@code Structured} message. */
  Mapped map(OpenOutboundMessage message) {
    String type = message.type();
    if (OpenOutboundMessage.TEXT.equalsIgnoreCase(type)) {
      return hasText(message)
          ? Mapped.of(new OutboundContent.Text(message.text()))
          : Mapped.unusable("a Genesys Text message without text");
    }
    if (OpenOutboundMessage.STRUCTURED.equalsIgnoreCase(type)) {
      // quick replies, cards and templates are sent as their text until they are mapped
      return hasText(message)
          ? Mapped.of(new OutboundContent.Text(message.text()))
          : Mapped.unusable("a Genesys Structured message without text");
    }
    return Mapped.unusable("an unsupported Genesys message type: " + type);
  }

  private static boolean hasText(OpenOutboundMessage message) {
    return message.text() != null && !message.text().isBlank();
  }
}
