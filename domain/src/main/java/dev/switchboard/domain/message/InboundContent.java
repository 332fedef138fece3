package dev.switchboard.domain.message;

import java.util.Objects;

/** What a customer sent. */
public sealed interface InboundContent permits InboundContent.Text {

  /** Plain text, or any content rendered as readable text for the agent. */
  record Text(String body) implements InboundContent {
    public Text {
      Objects.requireNonNull(body, "body");
    }
  }
}
