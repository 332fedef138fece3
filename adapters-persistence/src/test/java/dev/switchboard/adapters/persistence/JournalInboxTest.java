package dev.switchboard.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.pipeline.InboxEvent;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.out.Transactions;
import dev.switchboard.domain.channel.ConnectionId;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the journal inbox adds to the inbox contract ({@link H2PersistenceContractTest}): it takes
 * over what an earlier version left in the inbox table, keeps the processing position and the
 * failed attempts in the database, and deletes processed segments.
 */
class JournalInboxTest {

  private static final WebhookSource WHATSAPP = WebhookSource.of("whatsapp");

  private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

  @TempDir Path dir;
  private ApplicationContext context;
  private Jdbc jdbc;
  private Transactions transactions;

  @BeforeEach
  void start() {
    context = TestDatabases.start(TestDatabases.h2(dir.resolve("db")), Clock.systemUTC());
    jdbc = context.getBean(Jdbc.class);
    transactions = context.getBean(Transactions.class);
  }

  @AfterEach
  void stop() {
    context.close();
  }

  @Test
  void webhooks_left_in_the_inbox_table_are_moved_to_the_journal_in_order() throws Exception {
    // as earlier releases wrote their sources, and as this one does
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("first", "WHATSAPP");
    sources.put("second", "GENESYS");
    sources.put("third", "genesys/sales");
    sources.forEach(
        (body, source) ->
            jdbc.inTransaction(
                connection ->
                    Jdbc.update(
                        connection,
                        "INSERT INTO inbox_event (source, body, received_at) VALUES (?, ?, ?)",
                        statement -> {
                          statement.setString(1, source);
                          statement.setBytes(2, body.getBytes(StandardCharsets.UTF_8));
                          Jdbc.setInstant(statement, 3, AT);
                        })));

    JournalInbox inbox = new JournalInbox(jdbc, dir.resolve("journal"), InboxJournal.SEGMENT_BYTES);
    try {
      assertThat(inbox.oldest(10))
          .extracting(event -> body(event.webhook()))
          .containsExactly("first", "second", "third");
      assertThat(inbox.oldest(10))
          .extracting(event -> event.webhook().source())
          .containsExactly(
              WHATSAPP,
              WebhookSource.of("genesys", ConnectionId.DEFAULT),
              WebhookSource.of("genesys", new ConnectionId("sales")));
      assertThat(inbox.backlog()).isEqualTo(3);
      long left =
          jdbc.inTransaction(
              connection -> Jdbc.count(connection, "SELECT COUNT(*) FROM inbox_event"));
      assertThat(left).isZero();
    } finally {
      inbox.close();
    }
  }

  @Test
  void the_position_and_the_failed_attempts_outlive_the_process() throws Exception {
    JournalInbox inbox = new JournalInbox(jdbc, dir.resolve("journal"), InboxJournal.SEGMENT_BYTES);
    try {
      for (String body : List.of("one", "two", "three")) {
        inbox.append(webhook(body)).toCompletableFuture().join();
      }
      long first = inbox.oldest(1).get(0).id();
      transactions.run(() -> inbox.remove(first));
      long second = inbox.oldest(1).get(0).id();
      inbox.recordFailedAttempt(second);
      inbox.recordFailedAttempt(second);
    } finally {
      inbox.close();
    }

    JournalInbox reopened =
        new JournalInbox(jdbc, dir.resolve("journal"), InboxJournal.SEGMENT_BYTES);
    try {
      List<InboxEvent> waiting = reopened.oldest(10);
      assertThat(waiting)
          .extracting(event -> body(event.webhook()))
          .containsExactly("two", "three");
      assertThat(waiting).extracting(InboxEvent::failedAttempts).containsExactly(2, 0);
      assertThat(reopened.backlog()).isEqualTo(2);

      reopened.append(webhook("four")).toCompletableFuture().join();
      assertThat(reopened.oldest(10).get(2).id()).isEqualTo(waiting.get(1).id() + 1);
    } finally {
      reopened.close();
    }
  }

  @Test
  void processed_segments_are_deleted() throws Exception {
    JournalInbox inbox = new JournalInbox(jdbc, dir.resolve("journal"), 1_000);
    try {
      for (int i = 0; i < 30; i++) {
        inbox.append(webhook("webhook " + i + " " + "z".repeat(200))).toCompletableFuture().join();
      }
      int before = inbox.journal().segmentFiles().size();
      assertThat(before).isGreaterThan(5);

      List<InboxEvent> all = inbox.oldest(100);
      transactions.run(() -> inbox.remove(all.get(all.size() - 1).id()));

      assertThat(inbox.oldest(100)).isEmpty();
      assertThat(inbox.journal().segmentFiles()).hasSize(1);
      assertThat(inbox.backlog()).isZero();
    } finally {
      inbox.close();
    }
  }

  private static RawWebhook webhook(String body) {
    return new RawWebhook(WHATSAPP, body.getBytes(StandardCharsets.UTF_8), AT);
  }

  private static String body(RawWebhook webhook) {
    return new String(webhook.body(), StandardCharsets.UTF_8);
  }
}
