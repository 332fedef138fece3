package dev.switchboard.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs SQL on the connection of the current Micronaut transaction (or of a new one), with the
 * binding and reading helpers the stores share. The SQL is written once for PostgreSQL and H2 in
 * {@code MODE=PostgreSQL}.
 */
@Singleton
final class Jdbc {

  private static final TransactionDefinition REQUIRES_NEW =
      TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW);

  private final TransactionOperations<Connection> transactions;
  private final ConnectionOperations<Connection> connections;
  private final Clock clock;

  /**
   * @param clock the application's clock, so that stored times agree with the times the services
   *     pass in; the system clock when the application registers none
   */
  Jdbc(
      TransactionOperations<Connection> transactions,
      ConnectionOperations<Connection> connections,
      @Nullable Clock clock) {
    this.transactions = transactions;
    this.connections = connections;
    this.clock = clock == null ? Clock.systemUTC() : clock;
  }

  /** Runs {@code work} in the caller's transaction, or in a new one when there is none. */
  <T> T inTransaction(Work<T> work) {
    return run(TransactionDefinition.DEFAULT, work);
  }

  /** Runs {@code work} in a transaction of its own that is committed when this returns. */
  <T> T inNewTransaction(Work<T> work) {
    return run(REQUIRES_NEW, work);
  }

  /**
   * Runs {@code work}, one statement that commits on its own, on a connection in auto-commit mode:
   * one round trip where a transaction takes two (the statement, then the commit). In the caller's
   * transaction when there is one.
   */
  <T> T autocommitted(Work<T> work) {
    return joiningOr(
        work,
        () ->
            connections.execute(
                ConnectionDefinition.DEFAULT,
                status -> {
                  Connection connection = status.getConnection();
                  try {
                    T result = work.run(connection);
                    if (!connection.getAutoCommit()) { // a pool configured without auto-commit
                      connection.commit();
                    }
                    return result;
                  } catch (SQLException e) {
                    throw new DataAccessException("database error: " + e.getMessage(), e);
                  }
                }));
  }

  /**
   * Runs {@code action} once the current transaction has committed (not at all when it rolls back),
   * or at once when there is no transaction.
   */
  void afterCommit(Runnable action) {
    Optional<? extends TransactionStatus<?>> current = transactions.findTransactionStatus();
    if (current.isEmpty()) {
      action.run();
      return;
    }
    current
        .get()
        .registerSynchronization(
            new TransactionSynchronization() {
              @Override
              public void afterCommit() {
                action.run();
              }
            });
  }

  /**
   * Writes {@code row} of {@code kind} just before the current transaction commits, in one batch
   * with the other rows of its kind ({@link DeferredWrites}); at once, in a transaction of its own,
   * when there is no transaction.
   */
  <T> void defer(DeferredWrites.Kind<T> kind, T row) {
    Optional<? extends TransactionStatus<?>> current = transactions.findTransactionStatus();
    if (current.isEmpty()) {
      inTransaction(
          connection -> {
            kind.write(connection, List.of(row));
            return null;
          });
      return;
    }
    TransactionStatus<?> status = current.get();
    Connection connection = (Connection) status.getConnection();
    DeferredWrites.of(
            connection,
            () ->
                status.registerSynchronization(
                    new TransactionSynchronization() {
                      @Override
                      public void beforeCommit(boolean readOnly) {
                        try {
                          DeferredWrites.writeAll(connection);
                        } catch (SQLException e) {
                          throw new DataAccessException("database error: " + e.getMessage(), e);
                        }
                      }

                      @Override
                      public void afterCompletion(Status outcome) {
                        DeferredWrites.close(connection);
                      }
                    }))
        .add(kind, row);
  }

  /** The transactions this runs in. */
  TransactionOperations<Connection> transactions() {
    return transactions;
  }

  /** Now, by the application's clock, as precise as the database keeps it. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private <T> T run(TransactionDefinition definition, Work<T> work) {
    Supplier<T> inNew =
        () ->
            transactions.execute(
                definition,
                status -> {
                  try {
                    return work.run(status.getConnection());
                  } catch (SQLException e) {
                    throw new DataAccessException("database error: " + e.getMessage(), e);
                  }
                });
    return definition == TransactionDefinition.DEFAULT ? joiningOr(work, inNew) : inNew.get();
  }

  /**
   * Runs {@code work} in the transaction under way ({@link #joining}); {@code alone} when none is.
   */
  private <T> T joiningOr(Work<T> work, Supplier<T> alone) {
    Optional<? extends TransactionStatus<?>> current = transactions.findTransactionStatus();
    if (current.isPresent() && current.get().getConnection() instanceof Connection connection) {
      return joining(current.get(), connection, work);
    }
    return alone.get();
  }

  /**
   * Runs {@code work} in the transaction under way, as Micronaut's {@code REQUIRED} propagation
   * would, without its machinery: a store call inside a transaction is nearly every call, and
   * joining through {@link TransactionOperations#execute} cost a shard consumer more CPU than the
   * statements it joined for. As with joining, a failure dooms the transaction: should a caller
   * catch it and go on, the commit fails and everything rolls back.
   */
  private static <T> T joining(TransactionStatus<?> status, Connection connection, Work<T> work) {
    try {
      return work.run(connection);
    } catch (SQLException e) {
      DataAccessException failure = new DataAccessException("database error: " + e.getMessage(), e);
      failCommit(status, failure);
      throw failure;
    } catch (RuntimeException | Error e) {
      failCommit(status, e);
      throw e;
    }
  }

  private static void failCommit(TransactionStatus<?> status, Throwable failure) {
    status.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void beforeCommit(boolean readOnly) {
            throw new DataAccessException(
                "rolled back: a store call of this transaction failed: " + failure, failure);
          }
        });
  }

  /** Executes an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
  static int update(Connection connection, String sql, Binder binder) throws SQLException {
    DeferredWrites.beforeStatement(connection, sql);
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      return statement.executeUpdate();
    }
  }

  /**
   * Writes a row the way both databases share: {@code update} it, else {@code insert} it (an {@code
   * ON CONFLICT DO NOTHING} insert), else, when a concurrent transaction inserted it first, {@code
   * update} it after all.
   */
  static void upsert(Connection connection, Work<Integer> update, Work<Integer> insert)
      throws SQLException {
    if (update.run(connection) == 0 && insert.run(connection) == 0) {
      update.run(connection);
    }
  }

  /**
   * Executes {@code sql} once for each row, as one batch (one round trip to PostgreSQL); the number
   * of rows each execution changed, in order.
   */
  static <T> int[] batch(Connection connection, String sql, List<T> rows, RowBinder<T> binder)
      throws SQLException {
    if (rows.isEmpty()) {
      return new int[0];
    }
    DeferredWrites.beforeStatement(connection, sql);
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (T row : rows) {
        binder.bind(statement, row);
        statement.addBatch();
      }
      return statement.executeBatch();
    }
  }

  /**
   * Writes rows with batches of up to three statements, each run only for the rows the one before
   * changed nothing for: {@code [update, insert, update]} is {@link #upsert} for many rows, {@code
   * [insert, update, insert]} the same for rows that are new nearly every time. A row's executions
   * keep the rows' order, so that of two rows with one key the later one wins, as when written one
   * by one.
   */
  @SafeVarargs
  static <T> void writeEach(Connection connection, List<T> rows, Step<T>... steps)
      throws SQLException {
    List<T> left = rows;
    for (Step<T> step : steps) {
      if (left.isEmpty()) {
        return;
      }
      int[] counts = batch(connection, step.sql(), left, step.binder());
      List<T> unchanged = new ArrayList<>();
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == 0) {
          unchanged.add(left.get(i));
        }
      }
      left = unchanged;
    }
  }

  /** One statement of {@link #writeEach}. */
  record Step<T>(String sql, RowBinder<T> binder) {}

  /** Runs a query and maps every row. */
  static <T> List<T> query(Connection connection, String sql, Binder binder, Row<T> row)
      throws SQLException {
    DeferredWrites.beforeStatement(connection, sql);
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      try (ResultSet results = statement.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (results.next()) {
          rows.add(row.map(results));
        }
        return rows;
      }
    }
  }

  /** Runs a query whose first column of its single row is a number. */
  static long count(Connection connection, String sql) throws SQLException {
    return query(connection, sql, statement -> {}, results -> results.getLong(1)).get(0);
  }

  /** Binds an instant (or SQL NULL) to a TIMESTAMP WITH TIME ZONE parameter. */
  static void setInstant(PreparedStatement statement, int index, @Nullable Instant instant)
      throws SQLException {
    if (instant == null) {
      statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setObject(index, instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
    }
  }

  /** Binds a string (or SQL NULL) to a character parameter. */
  static void setText(PreparedStatement statement, int index, @Nullable String text)
      throws SQLException {
    if (text == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, text);
    }
  }

  /** Reads a TIMESTAMP WITH TIME ZONE column; null for SQL NULL. */
  @Nullable
  static Instant getInstant(ResultSet results, String column) throws SQLException {
    OffsetDateTime value = results.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** Cuts free text (errors, reasons) to a length worth keeping. */
  static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** Work on a connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Sets a statement's parameters. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /** Sets a statement's parameters from one row of a batch. */
  @FunctionalInterface
  interface RowBinder<T> {
    void bind(PreparedStatement statement, T row) throws SQLException;
  }

  /** Maps the current row of a result. */
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet results) throws SQLException;
  }
}
