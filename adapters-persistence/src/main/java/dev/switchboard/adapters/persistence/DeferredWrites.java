package dev.switchboard.adapters.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Rows a transaction writes and does not read back, held until just before it commits and then
 * written together: one JDBC batch per kind of write (on PostgreSQL one round trip for all the rows
 * of a batch, where each row cost one before). A shard consumer's transaction applies the events of
 * a whole group; each customer message enqueues its forwarding, keeps a copy of it and remembers
 * the customer's name, and those writes now go out once for the group.
 *
 * <p>Nothing reads stale data: before any statement that names a table holding deferred rows runs
 * on the transaction's connection, those rows are written ({@link #beforeStatement}), in the order
 * they were deferred within their kind. A failure to write them fails the commit, as the write
 * itself would have failed the transaction.
 *
 * <p>Bound to the thread and the connection of the transaction: a transaction runs on one thread,
 * and a transaction of its own begun inside another ({@code REQUIRES_NEW}) has a connection of its
 * own, so its rows are its own.
 */
final class DeferredWrites {

  private static final ThreadLocal<Map<Connection, DeferredWrites>> OPEN =
      ThreadLocal.withInitial(IdentityHashMap::new);

  /** The rows waiting, by kind, kinds in the order they were first deferred. */
  private final Map<Kind<?>, List<Object>> waiting = new LinkedHashMap<>();

  private DeferredWrites() {}

  /**
   * A kind of write: the table it writes, and how rows of it are written together.
   *
   * @param <T> what a row is made of
   */
  interface Kind<T> {

    /** The table the rows go to: a statement naming it waits until they are written. */
    Pattern table();

    /** Writes the rows, in order, on the transaction's connection. */
    void write(Connection connection, List<T> rows) throws SQLException;

    /** The pattern naming {@code table} as a whole word of a statement. */
    static Pattern naming(String table) {
      return Pattern.compile("\\b" + Pattern.quote(table) + "\\b");
    }
  }

  /**
   * The deferred rows of the transaction on {@code connection}, opened on the first row; {@code
   * opened} runs then, to have them written before the commit and forgotten after it.
   */
  static DeferredWrites of(Connection connection, Runnable opened) {
    Map<Connection, DeferredWrites> open = OPEN.get();
    DeferredWrites writes = open.get(connection);
    if (writes == null) {
      writes = new DeferredWrites();
      open.put(connection, writes);
      opened.run();
    }
    return writes;
  }

  /** Forgets the rows of the transaction on {@code connection}: it has ended. */
  static void close(Connection connection) {
    Map<Connection, DeferredWrites> open = OPEN.get();
    open.remove(connection);
    if (open.isEmpty()) {
      OPEN.remove();
    }
  }

  /**
   * Writes the rows waiting for a table {@code sql} names, before it runs on {@code connection};
   * nothing when none wait (the common case costs one map lookup).
   */
  static void beforeStatement(Connection connection, String sql) throws SQLException {
    Map<Connection, DeferredWrites> open = OPEN.get();
    if (open.isEmpty()) {
      return;
    }
    DeferredWrites writes = open.get(connection);
    if (writes != null) {
      writes.writeNamedIn(connection, sql);
    }
  }

  /** Writes every row waiting on {@code connection}. */
  static void writeAll(Connection connection) throws SQLException {
    DeferredWrites writes = OPEN.get().get(connection);
    if (writes != null) {
      writes.writeNamedIn(connection, null);
    }
  }

  <T> void add(Kind<T> kind, T row) {
    waiting.computeIfAbsent(Objects.requireNonNull(kind, "kind"), k -> new ArrayList<>()).add(row);
  }

  /** Writes the kinds whose table {@code sql} names, or every kind when it is {@code null}. */
  private void writeNamedIn(Connection connection, String sql) throws SQLException {
    for (Map.Entry<Kind<?>, List<Object>> entry : waiting.entrySet()) {
      List<Object> rows = entry.getValue();
      if (!rows.isEmpty() && (sql == null || names(entry.getKey(), sql))) {
        // taken out first: a statement the kind runs does not come back here for them
        List<Object> taken = new ArrayList<>(rows);
        rows.clear();
        write(connection, entry.getKey(), taken);
      }
    }
  }

  /**
   * Whether {@code sql} names the kind's table. Statements are the stores' constants, a few dozen
   * strings: each is matched once and the answer kept, as matching on every statement cost more
   * than the round trips it saved.
   */
  private static boolean names(Kind<?> kind, String sql) {
    Named named = new Named(kind, sql);
    Boolean known = NAMED.get(named);
    if (known != null) {
      return known;
    }
    boolean found = kind.table().matcher(sql).find();
    if (NAMED.size() < MAX_NAMED) { // statements built from data would not fill it without end
      NAMED.put(named, found);
    }
    return found;
  }

  private record Named(Kind<?> kind, String sql) {}

  private static final int MAX_NAMED = 10_000;
  private static final Map<Named, Boolean> NAMED = new ConcurrentHashMap<>();

  @SuppressWarnings("unchecked")
  private static <T> void write(Connection connection, Kind<T> kind, List<Object> rows)
      throws SQLException {
    kind.write(connection, (List<T>) rows);
  }
}
