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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The V14 migration (H2's id sequences cache 1,000 ids) on a database that holds pending work: the
 * entries waiting in a lane go out first and in their order, and what is queued after the upgrade
 * gets larger ids, so it goes after them. On H2 and on PostgreSQL (where V14 changes nothing).
 */
class IdCachesMigrationTest {

  private static final Instant T = Instant.parse("2026-03-01T09:00:00Z");
  private static final String LANE = "contact-center:default:phone:+16505551234";

  private final MutableClock clock = new MutableClock(T.plusSeconds(60));

  @Test
  void pending_work_keeps_its_order_through_the_upgrade_on_h2() throws Exception {
    TestDatabases.onH2(this::upgrade);
  }

  @Test
  void pending_work_keeps_its_order_through_the_upgrade_on_postgres() throws Exception {
    TestDatabases.onPostgres(this::upgrade);
  }

  private void upgrade(
      FluentConfiguration flyway, String url, String user, Map<String, Object> properties)
      throws Exception {
    flyway.locations(TestDatabases.MIGRATIONS.split(",")).target("13").load().migrate();
    try (Connection connection = DriverManager.getConnection(url, user, "");
        var lane = connection.createStatement();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO outbox_entry (lane, item, enqueued_at, due_at) VALUES (?, ?, ?, ?)")) {
      lane.executeUpdate("INSERT INTO outbox_lane (lane) VALUES ('" + LANE + "')");
      for (String id : List.of("wamid.FIRST", "wamid.SECOND")) {
        insert.setString(1, LANE);
        insert.setString(2, new OutboxCodec().write(forwarding(id)));
        insert.setObject(3, T.atOffset(ZoneOffset.UTC));
        insert.setObject(4, T.atOffset(ZoneOffset.UTC));
        insert.executeUpdate();
      }
    }

    flyway.target("latest").load().migrate();

    try (ApplicationContext context = TestDatabases.start(properties, clock)) {
      Outbox outbox = context.getBean(Outbox.class);
      Transactions transactions = context.getBean(Transactions.class);
      transactions.run(() -> outbox.enqueue(LANE, forwarding("wamid.AFTER")));

      List<String> sent = new ArrayList<>();
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        OutboxEntry head = outbox.claimDue(clock.instant(), 10).get(0);
        sent.add(((OutboxItem.ForwardToContactCenter) head.item()).message().channelMessageId());
        ids.add(head.id());
        transactions.run(() -> outbox.complete(head.id()));
      }

      assertThat(sent).containsExactly("wamid.FIRST", "wamid.SECOND", "wamid.AFTER");
      assertThat(ids).isSorted().doesNotHaveDuplicates();
      assertThat(outbox.pending()).isZero();
    }
  }

  private static OutboxItem.ForwardToContactCenter forwarding(String wamid) {
    return new OutboxItem.ForwardToContactCenter(
        DEFAULT,
        new InboundMessage(
            wamid, new Customer(PHONE, "Ana"), null, T, new InboundContent.Text("hi")));
  }
}
