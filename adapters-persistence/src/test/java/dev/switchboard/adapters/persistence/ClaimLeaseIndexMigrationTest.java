package dev.switchboard.adapters.persistence;

import static dev.switchboard.adapters.persistence.Samples.DEFAULT;
import static dev.switchboard.adapters.persistence.Samples.PHONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.application.port.out.Transactions;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The V15 migration (PostgreSQL's index of claimed outbox entries) on a database that holds pending
 * work: an entry claimed by an instance that died, its lease run out, and one waiting behind it in
 * its lane. After the upgrade the sweep frees the dead instance's claim through the index, and both
 * go out, in order. On H2 the migration changes nothing and the work goes out all the same.
 */
class ClaimLeaseIndexMigrationTest {

  private static final Instant T = Instant.parse("2026-03-01T09:00:00Z");
  private static final String LANE = "contact-center:default:phone:+16505551234";

  private final MutableClock clock = new MutableClock(T.plusSeconds(600));

  @Test
  void a_dead_instances_claim_is_freed_through_the_index_after_the_upgrade_on_postgres()
      throws Exception {
    TestDatabases.onPostgres(
        (flyway, url, user, properties) -> {
          upgrade(flyway, url, user, properties, true);
          try (Connection connection = DriverManager.getConnection(url, user, "");
              var statement = connection.createStatement()) {
            statement.execute("SET enable_seqscan = off");
            assertThat(plan(statement, "claimed_until < now()"))
                .contains("outbox_entry_claimed_until");
          }
        });
  }

  @Test
  void pending_work_goes_out_in_order_after_the_upgrade_on_h2() throws Exception {
    TestDatabases.onH2(
        (flyway, url, user, properties) -> upgrade(flyway, url, user, properties, false));
  }

  private void upgrade(
      FluentConfiguration flyway,
      String url,
      String user,
      Map<String, Object> properties,
      boolean claimsStored)
      throws Exception {
    flyway.locations(TestDatabases.MIGRATIONS.split(",")).target("14").load().migrate();
    try (Connection connection = DriverManager.getConnection(url, user, "");
        var lane = connection.createStatement();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO outbox_entry (lane, item, enqueued_at, due_at, claimed_by,"
                    + " claimed_until) VALUES (?, ?, ?, ?, ?, ?)")) {
      lane.executeUpdate("INSERT INTO outbox_lane (lane) VALUES ('" + LANE + "')");
      for (String id : List.of("wamid.CLAIMED", "wamid.WAITING")) {
        boolean claimed = id.equals("wamid.CLAIMED");
        insert.setString(1, LANE);
        insert.setString(2, new OutboxCodec().write(forwarding(id)));
        insert.setObject(3, T.atOffset(ZoneOffset.UTC));
        insert.setObject(4, T.atOffset(ZoneOffset.UTC));
        insert.setString(5, claimed ? "instance-that-died" : null);
        insert.setObject(6, claimed ? T.plusSeconds(60).atOffset(ZoneOffset.UTC) : null);
        insert.executeUpdate();
      }
    }

    flyway.target("latest").load().migrate();

    try (ApplicationContext context = TestDatabases.start(properties, clock)) {
      Outbox outbox = context.getBean(Outbox.class);
      Transactions transactions = context.getBean(Transactions.class);
      if (claimsStored) {
        assertThat(outbox.releaseExpiredClaims(clock.instant())).isEqualTo(1);
      }
      List<String> sent = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        OutboxEntry head = outbox.claimDue(clock.instant(), 10).get(0);
        sent.add(((OutboxItem.ForwardToContactCenter) head.item()).message().channelMessageId());
        transactions.run(() -> outbox.complete(head.id()));
      }

      assertThat(sent).containsExactly("wamid.CLAIMED", "wamid.WAITING");
      assertThat(outbox.pending()).isZero();
    }
  }

  private static String plan(java.sql.Statement statement, String condition) throws Exception {
    StringBuilder plan = new StringBuilder();
    try (ResultSet rows =
        statement.executeQuery(
            "EXPLAIN UPDATE outbox_entry SET claimed_by = NULL, claimed_until = NULL"
                + " WHERE claimed_until IS NOT NULL AND "
                + condition)) {
      while (rows.next()) {
        plan.append(rows.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }

  private static OutboxItem.ForwardToContactCenter forwarding(String wamid) {
    return new OutboxItem.ForwardToContactCenter(
        DEFAULT,
        new InboundMessage(
            wamid, new Customer(PHONE, "Ana"), null, T, new InboundContent.Text("hi")));
  }
}
