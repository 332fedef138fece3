package dev.switchboard.bootstrap;

import dev.switchboard.application.port.out.PipelineObserver;
import dev.switchboard.domain.channel.ConnectionId;
import org.slf4j.MDC;

/**
 * Puts the connection and the message the pipeline works on into the logs' diagnostic context (keys
 * {@value #CONNECTION} and {@value #MESSAGE}), so that every line logged meanwhile on that thread,
 * by the bridge or by an adapter, says what it concerns: a JSON line carries them under {@code
 * mdc}, a text line after the logger's name. What was there before is put back when the work ends.
 */
final class LogContextObserver implements PipelineObserver {

  static final String CONNECTION = "connection";
  static final String MESSAGE = "message";

  @Override
  public Work working(ConnectionId connection, String messageId) {
    String connectionBefore = MDC.get(CONNECTION);
    String messageBefore = MDC.get(MESSAGE);
    put(CONNECTION, connection == null ? null : connection.value());
    put(MESSAGE, messageId);
    return () -> {
      put(CONNECTION, connectionBefore);
      put(MESSAGE, messageBefore);
    };
  }

  private static void put(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
