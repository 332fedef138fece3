package dev.switchboard.adapters.persistence;

import dev.switchboard.application.pipeline.InboxEvent;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.port.out.PolledInbox;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox of the embedded default (the embedded queue on an H2 file database): accepted webhooks
 * go to an {@link InboxJournal} next to the database, appended together by one writer ({@link
 * GroupCommit}: whatever waits, up to {@value InboxWriter#MAX_BATCH} webhooks or about {@value
 * InboxWriter#MAX_BATCH_BYTES} bytes, in one write); how far processing got is a row of the
 * database ({@code inbox_journal_position}), moved by {@link #remove} inside the processing
 * transaction, so that the effects of a webhook and its leaving the inbox commit together.
 *
 * <p>Accepting never touches the database: its commits (which rewrite B-tree pages) neither slow
 * the accept path nor wait for the pipeline's. Webhooks that an earlier version left in the {@code
 * inbox_event} table are moved to the journal, in order, at start-up.
 */
@Singleton
@Requires(property = "switchboard.queue", value = "embedded", defaultValue = "embedded")
@Requires(condition = EmbeddedDatabase.Journal.class)
public final class JournalInbox implements PolledInbox {

  private static final Logger LOG = LoggerFactory.getLogger(JournalInbox.class);
  private static final int ADOPT_BATCH = 500;

  private final Jdbc jdbc;
  private final Path directory;
  private final InboxJournal journal;
  private final GroupCommit<RawWebhook> writer;
  private volatile boolean anyFailedAttempts;

  @Inject
  JournalInbox(Jdbc jdbc, @Property(name = EmbeddedDatabase.URL_PROPERTY) String url) {
    this(
        jdbc,
        EmbeddedDatabase.journalDirectory(url)
            .orElseThrow(() -> new IllegalStateException("not an H2 file database: " + url)),
        InboxJournal.SEGMENT_BYTES);
  }

  JournalInbox(Jdbc jdbc, Path directory, long segmentBytes) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.directory = directory;
    this.journal = InboxJournal.open(directory, position(), segmentBytes);
    adoptTableRows();
    this.anyFailedAttempts =
        jdbc.inTransaction(
                connection -> Jdbc.count(connection, "SELECT COUNT(*) FROM inbox_journal_attempt"))
            > 0;
    this.writer = InboxWriter.start(journal::append);
  }

  /** The journal's directory (its disk is part of readiness). */
  public Path directory() {
    return directory;
  }

  @Override
  public CompletionStage<Void> append(RawWebhook webhook) {
    return writer.submit(Objects.requireNonNull(webhook, "webhook"));
  }

  @Override
  public List<InboxEvent> oldest(int max) {
    if (max < 1) {
      return List.of();
    }
    long processed = position();
    journal.forgetThrough(processed);
    List<InboxJournal.Entry> entries = journal.read(processed + 1, max);
    if (entries.isEmpty()) {
      return List.of();
    }
    Map<Long, Integer> attempts =
        anyFailedAttempts
            ? failedAttempts(entries.get(0).seq(), entries.get(entries.size() - 1).seq())
            : Map.of();
    return entries.stream()
        .map(
            entry ->
                new InboxEvent(entry.seq(), entry.webhook(), attempts.getOrDefault(entry.seq(), 0)))
        .toList();
  }

  /**
   * Marks the events up to {@code id} processed, in the caller's transaction: the processor removes
   * events in the order it got them.
   */
  @Override
  public void remove(long id) {
    jdbc.inTransaction(
        connection -> {
          Jdbc.update(
              connection,
              "UPDATE inbox_journal_position SET processed_through = ?"
                  + " WHERE id = 1 AND processed_through < ?",
              statement -> {
                statement.setLong(1, id);
                statement.setLong(2, id);
              });
          if (anyFailedAttempts) {
            Jdbc.update(
                connection,
                "DELETE FROM inbox_journal_attempt WHERE seq <= ?",
                statement -> statement.setLong(1, id));
          }
          return null;
        });
  }

  @Override
  public void recordFailedAttempt(long id) {
    anyFailedAttempts = true;
    jdbc.inTransaction(
        connection -> {
          int counted =
              Jdbc.update(
                  connection,
                  "UPDATE inbox_journal_attempt SET failed_attempts = failed_attempts + 1"
                      + " WHERE seq = ?",
                  statement -> statement.setLong(1, id));
          if (counted == 0) {
            Jdbc.update(
                connection,
                "INSERT INTO inbox_journal_attempt (seq, failed_attempts) VALUES (?, 1)",
                statement -> statement.setLong(1, id));
          }
          return null;
        });
  }

  /** The journal's last sequence number less the last processed one. */
  @Override
  public long backlog() {
    return Math.max(0, journal.lastWritten() - position());
  }

  /** Writes what was appended so far, then closes the journal; later appends fail. */
  @PreDestroy
  void close() throws InterruptedException {
    try {
      writer.close();
    } finally {
      journal.close();
    }
  }

  /** The journal itself, for tests. */
  InboxJournal journal() {
    return journal;
  }

  private long position() {
    return jdbc.inTransaction(
        connection ->
            Jdbc.count(
                connection,
                "SELECT COALESCE(MAX(processed_through), 0) FROM inbox_journal_position"));
  }

  private Map<Long, Integer> failedAttempts(long from, long to) {
    return jdbc.inTransaction(
        connection -> {
          Map<Long, Integer> attempts = new HashMap<>();
          Jdbc.query(
                  connection,
                  "SELECT seq, failed_attempts FROM inbox_journal_attempt"
                      + " WHERE seq BETWEEN ? AND ?",
                  statement -> {
                    statement.setLong(1, from);
                    statement.setLong(2, to);
                  },
                  results -> Map.entry(results.getLong(1), results.getInt(2)))
              .forEach(entry -> attempts.put(entry.getKey(), entry.getValue()));
          return attempts;
        });
  }

  /**
   * Moves the webhooks an earlier version left in the {@code inbox_event} table to the journal, in
   * their order. A crash in between copies some twice, which processing de-duplicates.
   */
  private void adoptTableRows() {
    long adopted = 0;
    while (true) {
      List<InboxEvent> rows = JdbcInbox.oldestRows(jdbc, ADOPT_BATCH);
      if (rows.isEmpty()) {
        break;
      }
      journal.append(rows.stream().map(InboxEvent::webhook).toList());
      long last = rows.get(rows.size() - 1).id();
      jdbc.inTransaction(
          connection ->
              Jdbc.update(
                  connection,
                  "DELETE FROM inbox_event WHERE id <= ?",
                  statement -> statement.setLong(1, last)));
      adopted += rows.size();
    }
    if (adopted > 0) {
      LOG.info("moved {} waiting webhooks from the inbox table to the inbox journal", adopted);
    }
  }
}
