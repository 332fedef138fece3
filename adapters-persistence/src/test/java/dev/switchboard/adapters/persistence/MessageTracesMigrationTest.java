package dev.switchboard.adapters.persistence;

import static dev.switchboard.adapters.persistence.Samples.DEFAULT;
import static dev.switchboard.adapters.persistence.Samples.PHONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.pipeline.Traced;
import dev.switchboard.application.port.out.Outbox;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The V12 migration on a database with pending outbox entries: they are still sent (claimed and
 * read, their acceptance time unknown, so their delivery is not timed), entries queued after the
 * upgrade keep theirs, and traces are written to the new table. On H2 and on PostgreSQL.
 */
class MessageTracesMigrationTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

  @Test
  void pending_entries_of_v11_are_still_sent_after_the_upgrade_on_h2() throws Exception {
    TestDatabases.onH2(this::upgrade);
  }

  @Test
  void pending_entries_of_v11_are_still_sent_after_the_upgrade_on_postgres() throws Exception {
    TestDatabases.onPostgres(this::upgrade);
  }

  private void upgrade(
      FluentConfiguration flyway, String url, String user, Map<String, Object> properties)
      throws SQLException {
    flyway.locations(TestDatabases.MIGRATIONS.split(",")).target("11").load().migrate();
    OutboxItem pending =
        new OutboxItem.SendToCustomer(DEFAULT, Samples.outbound("gen-old", PHONE), null, true);
    try (Connection connection = DriverManager.getConnection(url, user, "");
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO outbox_entry (lane, item, enqueued_at, due_at) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, "customer:default:phone:+16505551234");
      insert.setString(2, new OutboxCodec().write(pending));
      insert.setObject(3, clock.instant().minusSeconds(30).atOffset(ZoneOffset.UTC));
      insert.setObject(4, clock.instant().minusSeconds(30).atOffset(ZoneOffset.UTC));
      insert.executeUpdate();
    }

    ApplicationContext context = TestDatabases.start(properties, clock);
    try {
      Outbox outbox = context.getBean(Outbox.class);
      Instant accepted = clock.instant().minusSeconds(2);
      outbox.enqueue(
          "contact-center:default:phone:+16505551234",
          new OutboxItem.ForwardToContactCenter(
              DEFAULT, Samples.inbound("wamid.new", PHONE, null, clock.instant())),
          accepted);

      List<OutboxEntry> due = outbox.claimDue(clock.instant().plusSeconds(60), 10);

      assertThat(due).extracting(OutboxEntry::item).containsExactly(pending, due.get(1).item());
      assertThat(due).extracting(OutboxEntry::acceptedAt).containsExactly(null, accepted);
      JdbcMessageTraces traces = context.getBean(JdbcMessageTraces.class);
      traces.queued(new Traced("gen-old", DEFAULT, Traced.Direction.TO_CUSTOMER, PHONE));
      assertThat(traces.find("gen-old")).isPresent();
    } finally {
      context.close();
    }
  }
}
