package dev.switchboard.adapters.rabbitmq;

import com.rabbitmq.client.ShutdownSignalException;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure of the store or the broker (the message is fine: try it again, however often)
 * from a failure of the message itself (it counts towards the dead letters).
 */
final class Failures {

  /**
   * SQLSTATE classes of an unavailable store: connection exceptions (08), transaction rollbacks
   * such as deadlocks and serialization failures (40), insufficient resources (53), operator
   * intervention such as a shutdown (57) and system errors (58).
   */
  private static final Set<String> TRANSIENT_STATE_CLASSES = Set.of("08", "40", "53", "57", "58");

  /** H2's states for a database that is closed, shutting down or whose connection broke. */
  private static final Set<String> TRANSIENT_H2_STATES = Set.of("90098", "90121", "90067");

  private Failures() {}

  /** Whether {@code failure}, or one of its causes, says the store or the broker is unavailable. */
  static boolean isTransient(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable cause = failure;
        cause != null && seen.put(cause, Boolean.TRUE) == null;
        cause = cause.getCause()) {
      if (cause instanceof RabbitMqUnavailableException
          || cause instanceof CannotCreateTransactionException
          || cause instanceof IOException
          || cause instanceof TimeoutException
          || cause instanceof ShutdownSignalException
          || cause instanceof SQLTransientException
          || cause instanceof SQLRecoverableException
          || cause instanceof SQLNonTransientConnectionException) {
        return true;
      }
      if (cause instanceof SQLException sql && isTransientState(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTransientState(String state) {
    if (state == null || state.length() < 2) {
      return false;
    }
    return TRANSIENT_STATE_CLASSES.contains(state.substring(0, 2))
        || TRANSIENT_H2_STATES.contains(state);
  }

  /** A failure for the log and the dead letter's reason: its type and message, and its cause's. */
  static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder(failure.toString());
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    Throwable root = failure;
    seen.put(root, Boolean.TRUE);
    while (root.getCause() != null && seen.put(root.getCause(), Boolean.TRUE) == null) {
      root = root.getCause();
    }
    if (root != failure) {
      text.append(" (caused by ").append(root).append(')');
    }
    return text.toString();
  }
}
