package dev.switchboard.adapters.persistence;

import dev.switchboard.application.pipeline.MessageTrace;
import dev.switchboard.application.pipeline.Traced;
import dev.switchboard.application.port.out.MessageTraces;
import dev.switchboard.application.port.out.PipelineObserver;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.ConversationKey;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages' traces in table {@code message_trace} of their {@link TraceStore} (on the embedded
 * default an H2 file of their own), written off the pipeline's threads: what the pipeline tells is
 * put in a bounded queue (no I/O on the caller's thread, the customer's key is hashed by the
 * writer), and one writer thread ({@value #THREAD}) writes what waits every {@link #PAUSE}. What it
 * takes is grouped by message: one row per message per write holds that message's events, in the
 * order told, in a compact text ({@link EventCodec}); a trace is its rows in {@code seq} order.
 * Most messages are told in full within one pause, so a message costs one row, one insert into two
 * indexes, instead of one row per event. Reading a trace, erasing a customer and stopping write
 * what waits first.
 *
 * <p>A row told inside a transaction is queued when that transaction commits (not at all when it
 * rolls back), so that work done again after a rollback is traced once.
 *
 * <p>What is lost: rows still queued when the process is killed (at most the last {@link #PAUSE} of
 * traffic, and on the embedded default what H2 had not yet written of the traces' file), and rows
 * told while the queue is full (the database cannot keep up, or is down), which are counted and
 * logged instead. A message is never delayed by its trace.
 *
 * <p>Each row holds a hash of the connection and the customer's id ({@link #customerKey}), so that
 * {@link JdbcCustomerRecords#erase} finds a customer's rows; the hash is never shown.
 */
@Singleton
public final class JdbcMessageTraces implements PipelineObserver, MessageTraces {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcMessageTraces.class);

  static final String THREAD = "trace-writer";

  /**
   * The longest wait of a told event before it is written. Each write is a commit of the embedded
   * store, which rewrites every index page the write touched: in a drain's profile, writing every
   * second instead of every 200 ms took the writer from 15 % of the process's CPU to 10 %.
   */
  static final Duration PAUSE = Duration.ofSeconds(1);

  /** Events taken from the queue for one transaction at most. */
  static final int TAKEN = 5_000;

  /** Rows written in one statement batch at most. */
  static final int BATCH = 500;

  /** The longest events text of one row (column {@code events}); more events go in another row. */
  static final int MAX_ROW_TEXT = 8_000;

  /** The most events one trace shows. */
  static final int MAX_EVENTS = 200;

  private static final int MAX_DETAIL = 256;

  private final Jdbc jdbc;
  private final TraceStore store;
  private final BlockingQueue<Event> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final Object writing = new Object();
  private final Thread writer;
  private volatile boolean running = true;
  private boolean moved; // guarded by writing

  JdbcMessageTraces(
      Jdbc jdbc, TraceStore store, @Value("${switchboard.trace.queue:100000}") int capacity) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.store = Objects.requireNonNull(store, "store");
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.writer = new Thread(this::writeWhileRunning, THREAD);
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public void processed(Traced message, Instant acceptedAt) {
    if (acceptedAt != null) {
      add(message, "accepted", null, acceptedAt);
    }
    add(message, "processed", null, jdbc.now());
  }

  @Override
  public void refused(Traced message, Instant acceptedAt) {
    if (acceptedAt != null) {
      add(message, "accepted", null, acceptedAt);
    }
    add(message, "refused", "not in the allowed customers", jdbc.now());
  }

  @Override
  public void queued(Traced message) {
    add(message, "queued", null, jdbc.now());
  }

  @Override
  public void attempt(
      Traced message, String upstream, CallOutcome outcome, String detail, Duration took) {
    if (message != null) {
      add(
          message,
          "attempt",
          upstream + " " + detail + " in " + took.toMillis() + " ms",
          jdbc.now());
    }
  }

  @Override
  public void delivered(Traced message, Duration endToEnd) {
    add(message, "sent", null, jdbc.now());
  }

  @Override
  public void failed(Traced message, String detail) {
    add(message, "failed", detail, jdbc.now());
  }

  @Override
  public void expired(Traced message) {
    add(message, "failed", "expired", jdbc.now());
  }

  @Override
  public void deadLettered(Traced message) {
    add(message, "dead_letter", null, jdbc.now());
  }

  @Override
  public void receipt(Traced message, String status) {
    add(message, "receipt", status, jdbc.now());
  }

  @Override
  public void status(Traced message, String status) {
    add(message, "status", status, jdbc.now());
  }

  private void add(Traced message, String stage, String detail, Instant at) {
    Event event =
        new Event(
            new Message(
                message.id(),
                message.connection().value(),
                message.direction().name().toLowerCase(Locale.ROOT),
                new ConversationKey(message.connection(), message.customer())),
            stage,
            detail == null ? null : Jdbc.clip(detail, MAX_DETAIL),
            at);
    // told inside a transaction (processing, recording an outcome): kept only once it commits, so
    // that work rolled back and done again is traced once
    jdbc.afterCommit(() -> offer(event));
  }

  private void offer(Event event) {
    if (!queue.offer(event)) {
      long lost = dropped.incrementAndGet();
      if (Long.bitCount(lost) == 1) { // 1, 2, 4, 8...: a full queue is heard of, not flooded
        LOG.warn("the trace queue is full: {} trace events were not kept so far", lost);
      }
    }
  }

  /** How many told events were not kept because the queue was full. */
  long dropped() {
    return dropped.get();
  }

  @Override
  public Optional<MessageTrace> find(String id) {
    Objects.requireNonNull(id, "id");
    flush();
    List<StoredRow> rows =
        store.inTransaction(
            connection ->
                Jdbc.query(
                    connection,
                    "SELECT connection, direction, events FROM message_trace"
                        + " WHERE message_id = ? ORDER BY seq LIMIT ?",
                    statement -> {
                      statement.setString(1, id);
                      statement.setInt(2, MAX_EVENTS);
                    },
                    results ->
                        new StoredRow(
                            results.getString("connection"),
                            results.getString("direction"),
                            results.getString("events"))));
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    // two connections may know the same id (two bots' message keys): the first one's trace
    StoredRow first = rows.get(0);
    List<MessageTrace.Event> events =
        rows.stream()
            .filter(
                row ->
                    row.connection().equals(first.connection())
                        && row.direction().equals(first.direction()))
            .flatMap(row -> EventCodec.decode(row.events()).stream())
            .limit(MAX_EVENTS)
            .toList();
    return Optional.of(
        new MessageTrace(
            id,
            new ConnectionId(first.connection()),
            Traced.Direction.valueOf(first.direction().toUpperCase(Locale.ROOT)),
            events));
  }

  /**
   * Deletes the rows of one customer (by their key) in a transaction of the traces' own: an erasure
   * retried after a failure deletes what is left.
   */
  int erase(ConversationKey customer) {
    String key = customerKey(customer);
    return store.inTransaction(
        connection ->
            Jdbc.update(
                connection,
                "DELETE FROM message_trace WHERE customer_key = ?",
                statement -> statement.setString(1, key)));
  }

  /**
   * Deletes up to {@code batch} of the oldest rows whose events were all recorded before {@code
   * cutoff}. Rows are written in time order, so the oldest are the first by {@code seq}: the walk
   * takes them in key order and stops at the first younger one, with no index on time.
   */
  int deleteBefore(Instant cutoff, int batch) {
    Objects.requireNonNull(cutoff, "cutoff");
    if (batch < 1) {
      return 0;
    }
    return store.inTransaction(
        connection -> {
          List<Long> oldest = new ArrayList<>(batch);
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT seq, recorded_at FROM message_trace ORDER BY seq LIMIT ?")) {
            select.setInt(1, batch);
            try (ResultSet results = select.executeQuery()) {
              while (results.next() && Jdbc.getInstant(results, "recorded_at").isBefore(cutoff)) {
                oldest.add(results.getLong("seq"));
              }
            }
          }
          if (oldest.isEmpty()) {
            return 0;
          }
          return Jdbc.update(
              connection,
              "DELETE FROM message_trace WHERE seq >= ? AND seq <= ?",
              statement -> {
                statement.setLong(1, oldest.get(0));
                statement.setLong(2, oldest.get(oldest.size() - 1));
              });
        });
  }

  /**
   * The key of a customer's rows: SHA-256 of the connection and the customer's id, hex. It lets an
   * erasure find the rows without the rows naming the customer.
   */
  static String customerKey(ConversationKey customer) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      String id =
          customer.connection().value()
              + "\n"
              + CustomerIdColumns.kind(customer.customer())
              + "\n"
              + customer.customer().value();
      return HexFormat.of().formatHex(digest.digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256", e);
    }
  }

  /** Writes every event told so far (on the caller's thread when it asks). */
  void flush() {
    synchronized (writing) {
      if (!moved) { // before anything new is written there; tried again until it succeeds
        moveEarlierRows();
        moved = true;
      }
      List<Event> taken = new ArrayList<>();
      while (queue.drainTo(taken, TAKEN) > 0) {
        write(taken);
        taken.clear();
      }
    }
  }

  private void writeWhileRunning() {
    while (running) {
      try {
        Thread.sleep(PAUSE.toMillis());
        flush();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn("writing message traces failed; those events are not kept: {}", e.toString());
      }
    }
  }

  /** Writes events, one row per message (more when its text is long), in one transaction. */
  private void write(List<Event> events) {
    Map<Message, List<Event>> byMessage = new LinkedHashMap<>();
    for (Event event : events) {
      byMessage.computeIfAbsent(event.message(), message -> new ArrayList<>()).add(event);
    }
    store.inTransaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO message_trace (message_id, connection, direction, customer_key,"
                      + " events, recorded_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            int batched = 0;
            for (Map.Entry<Message, List<Event>> told : byMessage.entrySet()) {
              Message message = told.getKey();
              String customerKey = customerKey(message.customer());
              for (EventCodec.Encoded row :
                  EventCodec.encode(
                      told.getValue().stream().map(Event::told).toList(), MAX_ROW_TEXT)) {
                insert.setString(1, Jdbc.clip(message.id(), 512));
                insert.setString(2, message.connection());
                insert.setString(3, message.direction());
                insert.setString(4, customerKey);
                insert.setString(5, row.text());
                Jdbc.setInstant(insert, 6, row.last());
                insert.addBatch();
                if (++batched == BATCH) {
                  insert.executeBatch();
                  batched = 0;
                }
              }
            }
            if (batched > 0) {
              insert.executeBatch();
            }
          }
          return null;
        });
  }

  /**
   * Moves the rows an earlier release wrote in the pipeline's database to the traces' own file, in
   * {@code seq} order and keeping their {@code seq}, before anything new is written there; then new
   * rows are numbered after them. A row copied twice (a crash between the copy and the delete) is
   * kept once.
   */
  private void moveEarlierRows() {
    if (!store.apart()) {
      return;
    }
    int count = 0;
    while (true) {
      List<StoredCopy> rows =
          jdbc.inNewTransaction(
              connection ->
                  Jdbc.query(
                      connection,
                      "SELECT seq, message_id, connection, direction, customer_key, events,"
                          + " recorded_at FROM message_trace ORDER BY seq LIMIT ?",
                      statement -> statement.setInt(1, BATCH),
                      results ->
                          new StoredCopy(
                              results.getLong("seq"),
                              results.getString("message_id"),
                              results.getString("connection"),
                              results.getString("direction"),
                              results.getString("customer_key"),
                              results.getString("events"),
                              Jdbc.getInstant(results, "recorded_at"))));
      if (rows.isEmpty()) {
        break;
      }
      store.inTransaction(
          connection -> {
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO message_trace (seq, message_id, connection, direction,"
                        + " customer_key, events, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING")) {
              for (StoredCopy row : rows) {
                insert.setLong(1, row.seq());
                insert.setString(2, row.messageId());
                insert.setString(3, row.connection());
                insert.setString(4, row.direction());
                insert.setString(5, row.customerKey());
                insert.setString(6, row.events());
                Jdbc.setInstant(insert, 7, row.recordedAt());
                insert.addBatch();
              }
              insert.executeBatch();
            }
            long next =
                Jdbc.count(connection, "SELECT COALESCE(MAX(seq), 0) + 1 FROM message_trace");
            try (var restart = connection.createStatement()) {
              restart.execute("ALTER TABLE message_trace ALTER COLUMN seq RESTART WITH " + next);
            }
            return null;
          });
      long last = rows.get(rows.size() - 1).seq();
      jdbc.inNewTransaction(
          connection ->
              Jdbc.update(
                  connection,
                  "DELETE FROM message_trace WHERE seq <= ?",
                  statement -> statement.setLong(1, last)));
      count += rows.size();
    }
    if (count > 0) {
      LOG.info("moved {} message trace rows of an earlier release to their own file", count);
    }
  }

  /** Stops the writer once what waits is written. */
  @PreDestroy
  void close() {
    running = false;
    writer.interrupt();
    try {
      writer.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.warn("the last message traces could not be written: {}", e.toString());
    }
  }

  /** A message as its rows name it. */
  private record Message(
      String id, String connection, String direction, ConversationKey customer) {}

  /** One thing that happened to a message. */
  private record Event(Message message, String stage, String detail, Instant at) {
    MessageTrace.Event told() {
      return new MessageTrace.Event(at, stage, detail);
    }
  }

  private record StoredRow(String connection, String direction, String events) {}

  /** A row as an earlier release stored it. */
  private record StoredCopy(
      long seq,
      String messageId,
      String connection,
      String direction,
      String customerKey,
      String events,
      Instant recordedAt) {}
}
