package dev.switchboard.adapters.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.ShutdownSignalException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Which failures mean "the store or the broker is unavailable" and which count against a message.
 */
class FailuresTest {

  @Test
  void an_unavailable_store_or_broker_is_transient_however_deeply_wrapped() {
    List<Throwable> transients =
        List.of(
            new DataAccessException("database error", new SQLTransientConnectionException("pool")),
            new DataAccessException("database error", new SQLException("refused", "08001")),
            new DataAccessException("database error", new SQLException("deadlock", "40P01")),
            new DataAccessException("database error", new SQLException("serialize", "40001")),
            new DataAccessException("database error", new SQLException("shutdown", "57P01")),
            new DataAccessException("database error", new SQLException("closed", "90098")),
            new CannotCreateTransactionException("no connection"),
            new IllegalStateException(new RabbitMqUnavailableException("down")),
            new IOException("reset"),
            new TimeoutException("no confirm"),
            new AlreadyClosedException(
                new ShutdownSignalException(true, false, null, "connection")));

    for (Throwable failure : transients) {
      assertThat(Failures.isTransient(failure)).as(failure.toString()).isTrue();
    }
  }

  @Test
  void anything_else_counts_against_the_message() {
    List<Throwable> others =
        List.of(
            new IllegalStateException("the rules refuse it"),
            new IllegalArgumentException("unreadable"),
            new NullPointerException(),
            new DataAccessException("database error", new SQLException("duplicate", "23505")),
            new DataAccessException(
                "database error", new SQLIntegrityConstraintViolationException()),
            new DataAccessException("database error", new SQLException("syntax", "42601")),
            new DataAccessException("database error", new SQLException("no state")));

    for (Throwable failure : others) {
      assertThat(Failures.isTransient(failure)).as(failure.toString()).isFalse();
    }
  }

  @Test
  void a_cause_cycle_ends_the_walk() {
    IllegalStateException first = new IllegalStateException("first");
    IllegalStateException second = new IllegalStateException("second", first);
    first.initCause(second);

    assertThat(Failures.isTransient(first)).isFalse();
    assertThat(Failures.describe(first)).contains("first").contains("second");
  }

  @Test
  void a_description_names_the_failure_and_its_root_cause() {
    assertThat(
            Failures.describe(
                new DataAccessException("database error", new SQLException("refused", "08001"))))
        .isEqualTo(
            "io.micronaut.data.exceptions.DataAccessException: database error"
                + " (caused by java.sql.SQLException: refused)");
    assertThat(Failures.describe(new IllegalStateException("x")))
        .isEqualTo("java.lang.IllegalStateException: x");
  }
}
