package dev.switchboard.adapters.persistence;

import static dev.switchboard.adapters.persistence.Samples.DEFAULT;
import static dev.switchboard.adapters.persistence.Samples.PHONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.port.out.ForwardedMessages;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.application.port.out.Transactions;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The V13 migration (forwarded messages kept until the contact center's report) on a database that
 * holds pending work: the customer's message waiting in the outbox is dispatched as before, and is
 * kept for its report once forwarded again. On H2 and on PostgreSQL.
 */
class ForwardedMessagesMigrationTest {

  private static final Instant T = Instant.parse("2026-03-01T09:00:00Z");
  private static final String LANE = "contact-center:default:phone:+16505551234";
  private static final OutboxItem.ForwardToContactCenter PENDING =
      new OutboxItem.ForwardToContactCenter(
          DEFAULT,
          new InboundMessage(
              "wamid.PENDING", new Customer(PHONE, "Ana"), null, T, new InboundContent.Text("hi")));

  private final MutableClock clock = new MutableClock(T.plusSeconds(60));

  @Test
  void pending_work_survives_the_upgrade_on_h2() throws Exception {
    TestDatabases.onH2(this::upgrade);
  }

  @Test
  void pending_work_survives_the_upgrade_on_postgres() throws Exception {
    TestDatabases.onPostgres(this::upgrade);
  }

  private void upgrade(
      FluentConfiguration flyway, String url, String user, Map<String, Object> properties)
      throws Exception {
    flyway.locations(TestDatabases.MIGRATIONS.split(",")).target("11").load().migrate();
    try (Connection connection = DriverManager.getConnection(url, user, "")) {
      update(connection, "INSERT INTO outbox_lane (lane) VALUES ('" + LANE + "')");
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO outbox_entry (lane, item, enqueued_at, due_at) VALUES (?, ?, ?, ?)")) {
        insert.setString(1, LANE);
        insert.setString(2, new OutboxCodec().write(PENDING));
        insert.setObject(3, T.atOffset(java.time.ZoneOffset.UTC));
        insert.setObject(4, T.atOffset(java.time.ZoneOffset.UTC));
        insert.executeUpdate();
      }
    }

    flyway.target("latest").load().migrate();

    try (ApplicationContext context = TestDatabases.start(properties, clock)) {
      Outbox outbox = context.getBean(Outbox.class);
      ForwardedMessages forwarded = context.getBean(ForwardedMessages.class);
      Transactions transactions = context.getBean(Transactions.class);
      assertThat(outbox.unclaimedHeadsDueBefore(clock.instant(), 10)).hasSize(1);
      List<OutboxEntry> claimed = outbox.claimDue(clock.instant(), 10);
      assertThat(claimed).singleElement().extracting(OutboxEntry::item).isEqualTo(PENDING);
      assertThat(forwarded.take(DEFAULT, List.of("wamid.PENDING")))
          .as("forwarded before the upgrade: no copy was kept")
          .isEmpty();

      transactions.run(
          () -> {
            forwarded.keep(LANE, PENDING);
            outbox.complete(claimed.get(0).id());
          });

      assertThat(outbox.pending()).isZero();
      assertThat(forwarded.take(DEFAULT, List.of("wamid.PENDING")))
          .get()
          .extracting(OutboxEntry::item)
          .isEqualTo(PENDING);
    }
  }

  private static void update(Connection connection, String sql) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    }
  }
}
