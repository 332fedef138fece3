package dev.switchboard.adapters.persistence;

import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.port.out.Outbox;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox in table {@code outbox_entry}, shared safely by any number of dispatchers (threads or
 * instances).
 *
 * <ul>
 *   <li>The head of a lane is its entry with the lowest id; only heads are claimed, so a lane's
 *       entries go out one at a time, in order. The entries a transaction enqueues are inserted
 *       just before it commits, together ({@link DeferredWrites}), after locking their lanes' rows
 *       in {@code outbox_lane}, so that enqueuers of one lane take their turns and a lane's ids
 *       grow in commit order (a lower id can never appear behind a head already claimed). Completed
 *       entries are deleted the same way.
 *   <li>On PostgreSQL {@link #claimDue} claims due, unclaimed heads with one statement that commits
 *       on its own: an UPDATE of the heads its sub-select locks {@code FOR UPDATE SKIP LOCKED} (a
 *       row another dispatcher is claiming is skipped, never waited for; one that another
 *       dispatcher claimed after the statement began is checked again when it is locked, and left
 *       out). Two dispatchers never hold the same entry, nor two entries of one lane. One round
 *       trip a claim: a dispatcher claims after every enqueue and every completion it is woken for,
 *       so at a low rate most claims find one entry or none.
 *   <li>A claim is {@code claimed_by} this {@link PersistenceInstance} until {@code now + lease}
 *       ({@code switchboard.outbox.claim-lease}, default 60 s); after that another dispatcher may
 *       take the entry over.
 * </ul>
 *
 * <p>On PostgreSQL the claim is planned afresh each time (an unnamed statement, never prepared on
 * the server): the outbox is a queue table, empty when an instance starts and then up to a backlog
 * of hundreds of thousands of rows, and the generic plan PostgreSQL caches after a few executions,
 * made while the table was nearly empty, checks "no earlier entry in the lane" with a scan of the
 * whole table: once a backlog built up, each claimed entry cost a scan and a drain fell to 20
 * entries a second. Planning costs a fraction of a millisecond a claim.
 *
 * <p>On a database only this process can open (H2, the embedded default) the claims live in memory
 * instead ({@link LocalClaims}): the same heads are selected, without row locks, and a claim costs
 * no write and no commit; {@code claimed_by} and {@code claimed_until} then stay empty.
 *
 * <p>An entry whose item can no longer be read (written by an incompatible version) is moved to the
 * dead letters when it comes up, so that it cannot block its lane.
 */
@Singleton
public final class JdbcOutbox implements Outbox {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcOutbox.class);
  private static final int MAX_ERROR_LENGTH = 4000;

  /** The due, unclaimed heads, oldest first: bound to now, now and how many at most. */
  private static final String DUE_HEADS_OF =
      " FROM outbox_entry o"
          + " WHERE o.due_at <= ? AND (o.claimed_until IS NULL OR o.claimed_until < ?)"
          + " AND NOT EXISTS"
          + " (SELECT 1 FROM outbox_entry p WHERE p.lane = o.lane AND p.id < o.id)"
          + " ORDER BY o.id LIMIT ?";

  private static final String DUE_HEADS =
      "SELECT o.id, o.lane, o.item, o.failed_attempts, o.enqueued_at, o.accepted_at" + DUE_HEADS_OF;

  private static final String DUE_HEADS_TO_LOCK = DUE_HEADS + " FOR UPDATE SKIP LOCKED";

  private static final String CLAIM =
      "UPDATE outbox_entry SET claimed_by = ?, claimed_until = ?"
          + " WHERE id = ? AND due_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)"
          + " AND NOT EXISTS (SELECT 1 FROM outbox_entry p"
          + " WHERE p.lane = outbox_entry.lane AND p.id < outbox_entry.id)";

  /** PostgreSQL's claim: the due heads its sub-select locks, claimed by one statement. */
  private static final String CLAIM_DUE_HEADS =
      "UPDATE outbox_entry SET claimed_by = ?, claimed_until = ?"
          + " WHERE id = ANY (ARRAY (SELECT o.id"
          + DUE_HEADS_OF
          + " FOR UPDATE SKIP LOCKED))"
          + " RETURNING id, lane, item, failed_attempts, enqueued_at, accepted_at";

  private final Jdbc jdbc;
  private final OutboxCodec codec;
  private final PersistenceInstance instance;
  private final Duration lease;
  private final @Nullable LocalClaims local;
  private final boolean postgres;

  JdbcOutbox(
      Jdbc jdbc,
      OutboxCodec codec,
      PersistenceInstance instance,
      @Value("${switchboard.outbox.claim-lease:60s}") Duration lease,
      @Property(name = EmbeddedDatabase.URL_PROPERTY) @Nullable String url) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.instance = Objects.requireNonNull(instance, "instance");
    this.lease = Objects.requireNonNull(lease, "lease");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("switchboard.outbox.claim-lease must be positive");
    }
    this.local = EmbeddedDatabase.inProcess(url).map(LocalClaims::of).orElse(null);
    this.postgres = url != null && url.startsWith("jdbc:postgresql:");
  }

  @Override
  public void enqueue(String lane, OutboxItem item, Instant acceptedAt) {
    Objects.requireNonNull(lane, "lane");
    String json = codec.write(Objects.requireNonNull(item, "item"));
    jdbc.defer(ENQUEUED, new Enqueued(lane, json, jdbc.now(), acceptedAt));
  }

  /** An entry to insert when its transaction commits. */
  private record Enqueued(String lane, String item, Instant at, @Nullable Instant acceptedAt) {}

  /**
   * The entries a transaction enqueued, written just before it commits: their lanes' rows locked
   * (in the lanes' order, so that two transactions never wait for each other), then every entry in
   * one batch of inserts, in the order they were enqueued.
   */
  private static final DeferredWrites.Kind<Enqueued> ENQUEUED =
      new DeferredWrites.Kind<>() {
        private final Pattern table = DeferredWrites.Kind.naming("outbox_entry");

        @Override
        public Pattern table() {
          return table;
        }

        @Override
        public void write(Connection connection, List<Enqueued> rows) throws SQLException {
          lockLanes(connection, new TreeSet<>(rows.stream().map(Enqueued::lane).toList()));
          Jdbc.batch(
              connection,
              "INSERT INTO outbox_entry (lane, item, enqueued_at, due_at, accepted_at)"
                  + " VALUES (?, ?, ?, ?, ?)",
              rows,
              (statement, row) -> {
                statement.setString(1, row.lane());
                statement.setString(2, row.item());
                Jdbc.setInstant(statement, 3, row.at());
                Jdbc.setInstant(statement, 4, row.at());
                Jdbc.setInstant(statement, 5, row.acceptedAt());
              });
        }
      };

  /**
   * Locks the lanes' rows, inserting first those that are missing (looked for first: H2 answers a
   * conflicting insert with an exception inside, so only lanes not seen yet are inserted).
   */
  private static void lockLanes(Connection connection, SortedSet<String> lanes)
      throws SQLException {
    Set<String> missing = new TreeSet<>(lanes);
    missing.removeAll(selectLanesForUpdate(connection, lanes));
    if (missing.isEmpty()) {
      return;
    }
    Jdbc.batch(
        connection,
        "INSERT INTO outbox_lane (lane) VALUES (?) ON CONFLICT DO NOTHING",
        List.copyOf(missing),
        (statement, lane) -> statement.setString(1, lane));
    selectLanesForUpdate(connection, missing);
  }

  private static List<String> selectLanesForUpdate(Connection connection, Set<String> lanes)
      throws SQLException {
    Array names = connection.createArrayOf("VARCHAR", lanes.toArray());
    try {
      return Jdbc.query(
          connection,
          "SELECT lane FROM outbox_lane WHERE lane = ANY (?) ORDER BY lane FOR UPDATE",
          statement -> statement.setArray(1, names),
          results -> results.getString(1));
    } finally {
      names.free();
    }
  }

  @Override
  public List<OutboxEntry> claimDue(Instant now, int max) {
    Objects.requireNonNull(now, "now");
    if (max < 1) {
      return List.of();
    }
    if (postgres) {
      return readClaimed(jdbc.autocommitted(connection -> claimDueHeads(connection, now, max)));
    }
    if (local == null) {
      // another database that several processes share (H2 as a server)
      return jdbc.inTransaction(connection -> selectAndClaim(connection, now, max));
    }
    // one claim at a time, and no release while it runs (see LocalClaims): what the selection saw
    // as claimed stays claimed until it is done
    return local.exclusively(
        () -> jdbc.inTransaction(connection -> selectAndClaim(connection, now, max)));
  }

  /**
   * The claim on H2: due heads selected, then claimed in memory when only this process opens the
   * database; otherwise locked, then each claimed with an UPDATE that checks again that it is an
   * unclaimed head.
   */
  private List<OutboxEntry> selectAndClaim(Connection connection, Instant now, int max)
      throws SQLException {
    DeferredWrites.writeAll(connection);
    List<StoredEntry> candidates =
        Jdbc.query(
            connection,
            local == null ? DUE_HEADS_TO_LOCK : DUE_HEADS,
            statement -> {
              Jdbc.setInstant(statement, 1, now);
              Jdbc.setInstant(statement, 2, now);
              // the heads claimed here are selected too: look past them
              statement.setInt(3, local == null ? max : max + local.size());
            },
            JdbcOutbox::storedEntry);
    List<OutboxEntry> readable = new ArrayList<>();
    for (StoredEntry candidate : candidates) {
      if (readable.size() == max) {
        break;
      }
      if (local != null && local.held(candidate.id(), now)) {
        continue;
      }
      try {
        readable.add(read(candidate));
      } catch (IllegalArgumentException e) {
        deadLetter(connection, candidate, "unreadable item: " + e.getMessage());
      }
    }
    if (local != null) {
      return readable.stream()
          .filter(entry -> local.claim(entry.id(), now, now.plus(lease)))
          .toList();
    }
    boolean[] won = claim(connection, readable, now);
    List<OutboxEntry> claimed = new ArrayList<>();
    for (int i = 0; i < readable.size(); i++) {
      if (won[i]) {
        claimed.add(readable.get(i));
      }
    }
    return claimed;
  }

  /**
   * Claims the entries with one batch of updates, each checking again that its entry is an
   * unclaimed head; which of them it claimed.
   */
  private boolean[] claim(Connection connection, List<OutboxEntry> entries, Instant now)
      throws SQLException {
    boolean[] won = new boolean[entries.size()];
    if (entries.isEmpty()) {
      return won;
    }
    try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
      for (OutboxEntry entry : entries) {
        statement.setString(1, instance.id());
        Jdbc.setInstant(statement, 2, now.plus(lease));
        statement.setLong(3, entry.id());
        Jdbc.setInstant(statement, 4, now);
        Jdbc.setInstant(statement, 5, now);
        statement.addBatch();
      }
      int[] counts = statement.executeBatch();
      for (int i = 0; i < won.length; i++) {
        won[i] = counts[i] == 1;
      }
    }
    return won;
  }

  /**
   * PostgreSQL's claim, in one statement committed on its own (planned afresh each time, see
   * above); the entries it claimed, in the order of their ids.
   */
  private List<StoredEntry> claimDueHeads(Connection connection, Instant now, int max)
      throws SQLException {
    DeferredWrites.writeAll(connection);
    List<StoredEntry> claimed =
        new ArrayList<>(
            Jdbc.query(
                connection,
                CLAIM_DUE_HEADS,
                statement -> {
                  plannedAfresh(statement);
                  statement.setString(1, instance.id());
                  Jdbc.setInstant(statement, 2, now.plus(lease));
                  Jdbc.setInstant(statement, 3, now);
                  Jdbc.setInstant(statement, 4, now);
                  statement.setInt(5, max);
                },
                JdbcOutbox::storedEntry));
    claimed.sort(Comparator.comparingLong(StoredEntry::id));
    return claimed;
  }

  /**
   * Has PostgreSQL plan {@code statement} with its values at each execution, never with a plan
   * cached for any values (see above): the driver sends it as an unnamed statement.
   */
  private void plannedAfresh(PreparedStatement statement) throws SQLException {
    if (postgres) {
      statement.unwrap(PGStatement.class).setPrepareThreshold(0);
    }
  }

  /**
   * The claimed entries whose items can be read; each of the others moved to the dead letters, in a
   * transaction of its own.
   */
  private List<OutboxEntry> readClaimed(List<StoredEntry> claimed) {
    List<OutboxEntry> readable = new ArrayList<>(claimed.size());
    for (StoredEntry entry : claimed) {
      try {
        readable.add(read(entry));
      } catch (IllegalArgumentException e) {
        jdbc.inTransaction(
            connection -> {
              deadLetter(connection, entry, "unreadable item: " + e.getMessage());
              return null;
            });
      }
    }
    return readable;
  }

  /**
   * What a stored entry holds.
   *
   * @throws IllegalArgumentException when its item cannot be read
   */
  private OutboxEntry read(StoredEntry stored) {
    return new OutboxEntry(
        stored.id(),
        stored.lane(),
        codec.readItem(stored.item()),
        stored.failedAttempts(),
        stored.enqueuedAt(),
        stored.acceptedAt());
  }

  private static StoredEntry storedEntry(ResultSet results) throws SQLException {
    return new StoredEntry(
        results.getLong("id"),
        results.getString("lane"),
        results.getString("item"),
        results.getInt("failed_attempts"),
        Jdbc.getInstant(results, "enqueued_at"),
        Jdbc.getInstant(results, "accepted_at"));
  }

  private void deadLetter(Connection connection, StoredEntry entry, String reason)
      throws SQLException {
    LOG.error("outbox entry {} cannot be read; moved to the dead letters: {}", entry.id(), reason);
    Jdbc.update(
        connection,
        "INSERT INTO dead_letter_outbox"
            + " (entry_id, lane, item, failed_attempts, enqueued_at, reason, dead_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        statement -> {
          statement.setLong(1, entry.id());
          statement.setString(2, entry.lane());
          statement.setString(3, entry.item());
          statement.setInt(4, entry.failedAttempts());
          Jdbc.setInstant(statement, 5, entry.enqueuedAt());
          statement.setString(6, Jdbc.clip(reason, MAX_ERROR_LENGTH));
          Jdbc.setInstant(statement, 7, jdbc.now());
        });
    Jdbc.update(
        connection,
        "DELETE FROM outbox_entry WHERE id = ?",
        statement -> statement.setLong(1, entry.id()));
  }

  @Override
  public void complete(long id) {
    jdbc.defer(COMPLETED, id); // written at once when there is no transaction: released after it
    releaseOnCommit(id);
  }

  /** The entries a transaction completed, deleted with one batch just before it commits. */
  private static final DeferredWrites.Kind<Long> COMPLETED =
      new DeferredWrites.Kind<>() {
        private final Pattern table = DeferredWrites.Kind.naming("outbox_entry");

        @Override
        public Pattern table() {
          return table;
        }

        @Override
        public void write(Connection connection, List<Long> ids) throws SQLException {
          Jdbc.batch(
              connection,
              "DELETE FROM outbox_entry WHERE id = ?",
              ids,
              (statement, id) -> statement.setLong(1, id));
        }
      };

  /** A local claim ends with the transaction that completes or postpones its entry. */
  private void releaseOnCommit(long id) {
    if (local != null) {
      jdbc.afterCommit(() -> local.release(id));
    }
  }

  @Override
  public void postpone(long id, Instant dueAt, String error) {
    Objects.requireNonNull(dueAt, "dueAt");
    jdbc.inTransaction(
        connection -> {
          releaseOnCommit(id);
          return Jdbc.update(
              connection,
              "UPDATE outbox_entry SET due_at = ?, failed_attempts = failed_attempts + 1,"
                  + " last_error = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?",
              statement -> {
                Jdbc.setInstant(statement, 1, dueAt);
                Jdbc.setText(
                    statement, 2, error == null ? null : Jdbc.clip(error, MAX_ERROR_LENGTH));
                statement.setLong(3, id);
              });
        });
  }

  @Override
  public void releaseAllClaims() {
    if (local != null) {
      local.releaseAll();
    }
    jdbc.inTransaction(
        connection ->
            Jdbc.update(
                connection,
                "UPDATE outbox_entry SET claimed_by = NULL, claimed_until = NULL"
                    + " WHERE claimed_until IS NOT NULL",
                statement -> {}));
  }

  @Override
  public int releaseExpiredClaims(Instant now) {
    Objects.requireNonNull(now, "now");
    if (local != null) {
      return local.releaseExpired(now);
    }
    return jdbc.inTransaction(
        connection ->
            Jdbc.update(
                connection,
                "UPDATE outbox_entry SET claimed_by = NULL, claimed_until = NULL"
                    + " WHERE claimed_until IS NOT NULL AND claimed_until < ?",
                statement -> Jdbc.setInstant(statement, 1, now)));
  }

  @Override
  public List<Long> unclaimedHeadsDueBefore(Instant dueBefore, int max) {
    Objects.requireNonNull(dueBefore, "dueBefore");
    if (max < 1) {
      return List.of();
    }
    List<Long> heads =
        jdbc.autocommitted(
            connection ->
                Jdbc.query(
                    connection,
                    "SELECT o.id FROM outbox_entry o"
                        + " WHERE o.due_at < ? AND o.claimed_until IS NULL AND NOT EXISTS"
                        + " (SELECT 1 FROM outbox_entry p WHERE p.lane = o.lane AND p.id < o.id)"
                        + " ORDER BY o.id LIMIT ?",
                    statement -> {
                      // planned afresh, like the claim: a generic plan checks each head with a scan
                      plannedAfresh(statement);
                      Jdbc.setInstant(statement, 1, dueBefore);
                      // the heads claimed in memory are selected too: look past them
                      statement.setInt(2, local == null ? max : max + local.size());
                    },
                    results -> results.getLong(1)));
    return heads.stream().filter(id -> local == null || !local.claimed(id)).limit(max).toList();
  }

  @Override
  public long pending() {
    return jdbc.inTransaction(
        connection -> Jdbc.count(connection, "SELECT COUNT(*) FROM outbox_entry"));
  }

  /** An entry as read, before its item is decoded. */
  private record StoredEntry(
      long id,
      String lane,
      String item,
      int failedAttempts,
      Instant enqueuedAt,
      Instant acceptedAt) {}
}
