package dev.switchboard.adapters.persistence;

import dev.switchboard.application.pipeline.DeadLetter;
import dev.switchboard.application.pipeline.DeadLetterFilter;
import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.port.out.DeadLetters;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead letters in tables {@code dead_letter_webhook} (source, raw bytes, reception time) and {@code
 * dead_letter_outbox} (lane, item as JSON, attempts), each with its reason and when it was given
 * up; part of the caller's transaction.
 *
 * <p>Both tables number their rows from one sequence ({@code seq}), so a dead letter's id is its
 * table's kind and that number ({@code "webhook-12"}, {@code "outbox-13"}): unique across the
 * tables, and in the order the letters were set aside. A page continues after its cursor even when
 * the letter under it was replayed meanwhile; a string not of that form names no letter.
 */
@Singleton
public final class JdbcDeadLetters implements DeadLetters {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcDeadLetters.class);
  private static final int MAX_REASON_LENGTH = 10_000;
  private static final String WEBHOOK = "webhook";
  private static final String OUTBOX = "outbox";
  private static final String WEBHOOK_COLUMNS = "seq, source, body, received_at, reason, dead_at";
  private static final String OUTBOX_COLUMNS =
      "seq, entry_id, lane, item, failed_attempts, enqueued_at, reason, dead_at";

  private final Jdbc jdbc;
  private final OutboxCodec codec;

  JdbcDeadLetters(Jdbc jdbc, OutboxCodec codec) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  @Override
  public void addWebhook(RawWebhook webhook, String reason) {
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(reason, "reason");
    jdbc.inTransaction(
        connection ->
            Jdbc.update(
                connection,
                "INSERT INTO dead_letter_webhook"
                    + " (source, body, received_at, reason, dead_at, connection)"
                    + " VALUES (?, ?, ?, ?, ?, ?)",
                statement -> {
                  statement.setString(1, StoredSources.write(webhook.source()));
                  statement.setBytes(2, webhook.body());
                  Jdbc.setInstant(statement, 3, webhook.receivedAt());
                  statement.setString(4, Jdbc.clip(reason, MAX_REASON_LENGTH));
                  Jdbc.setInstant(statement, 5, jdbc.now());
                  statement.setString(
                      6,
                      webhook.source().connection() == null
                          ? null
                          : webhook.source().connection().value());
                }));
  }

  @Override
  public void addOutboxEntry(OutboxEntry entry, String reason) {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(reason, "reason");
    String item = codec.write(entry.item());
    jdbc.inTransaction(
        connection ->
            Jdbc.update(
                connection,
                "INSERT INTO dead_letter_outbox"
                    + " (entry_id, lane, item, failed_attempts, enqueued_at, reason, dead_at,"
                    + " connection) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                statement -> {
                  statement.setLong(1, entry.id());
                  statement.setString(2, entry.lane());
                  statement.setString(3, item);
                  statement.setInt(4, entry.failedAttempts());
                  Jdbc.setInstant(statement, 5, entry.enqueuedAt());
                  statement.setString(6, Jdbc.clip(reason, MAX_REASON_LENGTH));
                  Jdbc.setInstant(statement, 7, jdbc.now());
                  statement.setString(8, entry.item().connection().value());
                }));
  }

  @Override
  public List<DeadLetter> list(DeadLetterFilter filter, int limit, String afterId) {
    Objects.requireNonNull(filter, "filter");
    if (limit < 1) {
      return List.of();
    }
    long after;
    if (afterId == null) {
      after = 0;
    } else {
      Optional<Id> cursor = Id.parse(afterId);
      if (cursor.isEmpty()) {
        return List.of();
      }
      after = cursor.get().seq();
    }
    Where where = Where.of(filter, after);
    return jdbc.inTransaction(
        connection -> {
          // the numbers of the page first, then the rows: never more than a page of bodies
          OptionalLast last = lastOfPage(connection, filter, where, limit);
          if (last.none()) {
            return List.of();
          }
          String range = where.sql() + " AND seq <= ?";
          Jdbc.Binder bounds = where.binder(last.seq());
          List<DeadLetter> page = new ArrayList<>();
          if (wants(filter, true)) {
            page.addAll(
                Jdbc.query(
                    connection,
                    "SELECT " + WEBHOOK_COLUMNS + " FROM dead_letter_webhook" + range,
                    bounds,
                    JdbcDeadLetters::webhookLetter));
          }
          if (wants(filter, false)) {
            Jdbc.query(
                    connection,
                    "SELECT " + OUTBOX_COLUMNS + " FROM dead_letter_outbox" + range,
                    bounds,
                    this::outboxLetter)
                .forEach(letter -> letter.ifPresent(page::add));
          }
          page.sort(Comparator.comparingLong(letter -> Id.parse(letter.id()).orElseThrow().seq()));
          return page;
        });
  }

  /**
   * Deletes the first {@code batch} letters the filter chooses, in the order they were set aside.
   */
  @Override
  public int removeMatching(DeadLetterFilter filter, int batch) {
    Objects.requireNonNull(filter, "filter");
    if (batch < 1) {
      return 0;
    }
    Where where = Where.of(filter, 0);
    return jdbc.inTransaction(
        connection -> {
          OptionalLast last = lastOfPage(connection, filter, where, batch);
          if (last.none()) {
            return 0;
          }
          int deleted = 0;
          for (boolean webhook : new boolean[] {true, false}) {
            if (wants(filter, webhook)) {
              deleted +=
                  Jdbc.update(
                      connection,
                      "DELETE FROM " + table(webhook) + where.sql() + " AND seq <= ?",
                      where.binder(last.seq()));
            }
          }
          return deleted;
        });
  }

  /** The number of the last of the first {@code limit} letters the filter chooses, if any. */
  private static OptionalLast lastOfPage(
      Connection connection, DeadLetterFilter filter, Where where, int limit) throws SQLException {
    List<Long> seqs = new ArrayList<>();
    for (boolean webhook : new boolean[] {true, false}) {
      if (wants(filter, webhook)) {
        seqs.addAll(
            Jdbc.query(
                connection,
                "SELECT seq FROM " + table(webhook) + where.sql() + " ORDER BY seq LIMIT ?",
                where.binder(limit),
                results -> results.getLong(1)));
      }
    }
    if (seqs.isEmpty()) {
      return new OptionalLast(-1);
    }
    seqs.sort(Comparator.naturalOrder());
    return new OptionalLast(seqs.get(Math.min(limit, seqs.size()) - 1));
  }

  private static boolean wants(DeadLetterFilter filter, boolean webhook) {
    return filter.kind() == null
        || filter.kind()
            == (webhook ? DeadLetterFilter.Kind.WEBHOOK : DeadLetterFilter.Kind.OUTBOX);
  }

  private static String table(boolean webhook) {
    return webhook ? "dead_letter_webhook" : "dead_letter_outbox";
  }

  /** A letter's number, or none ({@code -1}). */
  private record OptionalLast(long seq) {
    boolean none() {
      return seq < 0;
    }
  }

  /**
   * The {@code WHERE} clause of a filter, after a number, common to both tables; its parameters are
   * bound first, then one more (a bound or a limit).
   */
  private record Where(String sql, List<Object> parameters) {

    static Where of(DeadLetterFilter filter, long after) {
      StringBuilder sql = new StringBuilder(" WHERE seq > ?");
      List<Object> parameters = new ArrayList<>();
      parameters.add(after);
      if (filter.connection() != null) {
        sql.append(" AND connection = ?");
        parameters.add(filter.connection().value());
      }
      if (filter.reason() != null) {
        sql.append(" AND LOWER(reason) LIKE ? ESCAPE '\\'");
        parameters.add("%" + escapeLike(filter.reason().toLowerCase(Locale.ROOT)) + "%");
      }
      if (filter.from() != null) {
        sql.append(" AND dead_at >= ?");
        parameters.add(filter.from());
      }
      if (filter.to() != null) {
        sql.append(" AND dead_at < ?");
        parameters.add(filter.to());
      }
      return new Where(sql.toString(), List.copyOf(parameters));
    }

    Jdbc.Binder binder(long last) {
      return statement -> {
        int index = 1;
        for (Object parameter : parameters) {
          if (parameter instanceof Instant instant) {
            Jdbc.setInstant(statement, index++, instant);
          } else if (parameter instanceof Long number) {
            statement.setLong(index++, number);
          } else {
            statement.setString(index++, (String) parameter);
          }
        }
        statement.setLong(index, last);
      };
    }

    private static String escapeLike(String text) {
      return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
  }

  @Override
  public Optional<DeadLetter> find(String id) {
    Optional<Id> parsed = Id.parse(id);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    Id letter = parsed.get();
    return jdbc.inTransaction(
        connection -> {
          if (letter.webhook()) {
            return Jdbc.query(
                    connection,
                    "SELECT " + WEBHOOK_COLUMNS + " FROM dead_letter_webhook WHERE seq = ?",
                    statement -> statement.setLong(1, letter.seq()),
                    JdbcDeadLetters::webhookLetter)
                .stream()
                .findFirst();
          }
          return Jdbc.query(
                  connection,
                  "SELECT " + OUTBOX_COLUMNS + " FROM dead_letter_outbox WHERE seq = ?",
                  statement -> statement.setLong(1, letter.seq()),
                  this::outboxLetter)
              .stream()
              .flatMap(Optional::stream)
              .findFirst();
        });
  }

  @Override
  public void remove(String id) {
    Optional<Id> parsed = Id.parse(id);
    if (parsed.isEmpty()) {
      return;
    }
    Id letter = parsed.get();
    jdbc.inTransaction(
        connection ->
            Jdbc.update(
                connection,
                "DELETE FROM " + letter.table() + " WHERE seq = ?",
                statement -> statement.setLong(1, letter.seq())));
  }

  /**
   * Deletes the oldest letters set aside before {@code cutoff}, webhooks first, up to {@code
   * batch}.
   */
  @Override
  public long count() {
    return jdbc.inTransaction(
        connection ->
            Jdbc.count(connection, "SELECT COUNT(*) FROM dead_letter_webhook")
                + Jdbc.count(connection, "SELECT COUNT(*) FROM dead_letter_outbox"));
  }

  @Override
  public int deleteCreatedBefore(Instant cutoff, int batch) {
    Objects.requireNonNull(cutoff, "cutoff");
    if (batch < 1) {
      return 0;
    }
    return jdbc.inTransaction(
        connection -> {
          int deleted = deleteBefore(connection, "dead_letter_webhook", cutoff, batch);
          if (deleted < batch) {
            deleted += deleteBefore(connection, "dead_letter_outbox", cutoff, batch - deleted);
          }
          return deleted;
        });
  }

  private static int deleteBefore(Connection connection, String table, Instant cutoff, int batch)
      throws SQLException {
    return Jdbc.update(
        connection,
        "DELETE FROM "
            + table
            + " WHERE seq IN (SELECT seq FROM "
            + table
            + " WHERE dead_at < ? ORDER BY dead_at, seq LIMIT ?)",
        statement -> {
          Jdbc.setInstant(statement, 1, cutoff);
          statement.setInt(2, batch);
        });
  }

  private static DeadLetter webhookLetter(ResultSet results) throws SQLException {
    return new DeadLetter(
        new Id(true, results.getLong("seq")).toString(),
        results.getString("reason"),
        Jdbc.getInstant(results, "dead_at"),
        new RawWebhook(
            StoredSources.read(results.getString("source")),
            results.getBytes("body"),
            Jdbc.getInstant(results, "received_at")),
        null);
  }

  /** The letter of an outbox row; none when its item can no longer be read. */
  private Optional<DeadLetter> outboxLetter(ResultSet results) throws SQLException {
    String id = new Id(false, results.getLong("seq")).toString();
    OutboxItem item;
    try {
      item = codec.readItem(results.getString("item"));
    } catch (IllegalArgumentException e) {
      LOG.warn("dead letter {} holds an item that cannot be read: {}", id, e.getMessage());
      return Optional.empty();
    }
    return Optional.of(
        new DeadLetter(
            id,
            results.getString("reason"),
            Jdbc.getInstant(results, "dead_at"),
            null,
            new OutboxEntry(
                results.getLong("entry_id"),
                results.getString("lane"),
                item,
                results.getInt("failed_attempts"),
                Jdbc.getInstant(results, "enqueued_at"))));
  }

  /** A dead letter's id: its table's kind and its number in the shared sequence. */
  private record Id(boolean webhook, long seq) {

    static Optional<Id> parse(String id) {
      Objects.requireNonNull(id, "id");
      int dash = id.indexOf('-');
      if (dash < 0) {
        return Optional.empty();
      }
      String kind = id.substring(0, dash);
      if (!WEBHOOK.equals(kind) && !OUTBOX.equals(kind)) {
        return Optional.empty();
      }
      String number = id.substring(dash + 1);
      if (number.isEmpty()
          || number.length() > 18
          || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Optional.empty();
      }
      return Optional.of(new Id(WEBHOOK.equals(kind), Long.parseLong(number)));
    }

    String table() {
      return webhook ? "dead_letter_webhook" : "dead_letter_outbox";
    }

    @Override
    public String toString() {
      return (webhook ? WEBHOOK : OUTBOX) + "-" + seq;
    }
  }
}
