package dev.switchboard.domain.message;

import java.util.Objects;

/** What an agent sends to a customer. */
public sealed interface OutboundContent permits OutboundContent.Text {

  /** Whether this is a pre-approved template, which may be sent outside the 24-hour window. */
  default boolean isTemplate() {
    return false;
  }

  /** Free-form text. */
  record Text(String body) implements OutboundContent {
    public Text {
      Objects.requireNonNull(body, "body");
    }
  }
}
