package dev.switchboard.bootstrap;

import dev.switchboard.application.port.out.ForwardFailureTrace;
import dev.switchboard.domain.channel.ConnectionId;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a forwarded message's failure reported by the contact center is traced: at debug level in
 * the log, with the message id and the contact center's reason, never the content. The place to
 * route to the message traces ({@code GET /admin/messages/{id}}, stage {@code failed}).
 */
@Singleton
class ForwardFailureTraceLog implements ForwardFailureTrace {

  private static final Logger LOG = LoggerFactory.getLogger(ForwardFailureTraceLog.class);

  @Override
  public void forwardFailed(ConnectionId connection, String messageId, String reason, Instant at) {
    LOG.debug(
        "trace: connection {} message {} failed at the contact center at {}: {}",
        connection,
        messageId,
        at,
        reason);
  }
}
