package dev.switchboard.application.port.out;

import dev.switchboard.domain.channel.ConnectionId;
import java.time.Instant;

/**
 * The trace of a message hears here that the contact center reported a customer's message it had
 * taken as failed (a {@code failed} event of the message's trace, then {@code dead_letter}).
 */
public interface ForwardFailureTrace {

  /**
   * The contact center reported the message failed.
   *
   * @param messageId the id the bridge forwarded the message under (the wamid or Telegram key)
   * @param reason the contact center's reason code and description, never the message's content
   */
  void forwardFailed(ConnectionId connection, String messageId, String reason, Instant at);
}
