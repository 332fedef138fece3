package dev.switchboard.adapters.whatsapp.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The answer to an accepted send: {@code {"messages": [{"id": "wamid..."}], ...}}.
 *
 * @param messages the sent messages, with their wamids
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record SendMessageResponse(@Nullable List<MessageRef> messages) {

  /** One sent message. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record MessageRef(@Nullable String id) {}
}
