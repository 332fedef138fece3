package dev.switchboard.adapters.persistence;

import static dev.switchboard.adapters.persistence.Samples.DEFAULT;
import static dev.switchboard.adapters.persistence.Samples.OPAQUE;
import static dev.switchboard.adapters.persistence.Samples.PHONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.port.out.CustomerLinks;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.application.port.out.Transactions;
import dev.switchboard.domain.customer.CustomerId;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The V16 migration (the index of customer links by participant begins with the participant's
 * value) on a database holding links, an opaque id linked to a phone number's participant and a
 * customer of their own, and pending work: the linked customer's message waiting in the outbox.
 * After the upgrade each id still reaches its participant, the links are found from either side,
 * and the waiting message goes out; on PostgreSQL the lookup by key takes the primary key even with
 * a plan made without statistics, which is what the migration is for.
 */
class CustomerLinkIndexMigrationTest {

  private static final CustomerId OTHER = CustomerId.phone("16505559999");
  private static final String LANE = "contact-center:default:opaque:" + OPAQUE.value();
  private static final Instant LATER = Instant.parse("2026-03-01T09:00:00Z");
  private static final OutboxItem WAITING =
      new OutboxItem.ForwardToContactCenter(
          DEFAULT, Samples.inbound("wamid.WAITING", OPAQUE, "Ana", Samples.AT));

  @Test
  void links_resolve_as_before_and_the_lookup_by_key_takes_the_primary_key_on_postgres()
      throws Exception {
    TestDatabases.onPostgres(
        (flyway, url, user, properties) -> {
          upgrade(flyway, url, user, properties);
          try (Connection connection = DriverManager.getConnection(url, user, "");
              Statement statement = connection.createStatement()) {
            // the index a lookup by key could mistake for its own: any beginning with connection
            assertThat(
                    column(
                        statement,
                        "SELECT string_agg(i.relname, ',') FROM pg_index x"
                            + " JOIN pg_class i ON i.oid = x.indexrelid"
                            + " JOIN pg_class t ON t.oid = x.indrelid"
                            + " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]"
                            + " WHERE t.relname = 'customer_link' AND a.attname = 'connection'"
                            + " AND t.relnamespace = current_schema()::regnamespace"))
                .isEqualTo("customer_link_pkey");
            statement.execute("SET plan_cache_mode = force_generic_plan");
            statement.execute("SET enable_seqscan = off"); // three rows: a scan would do

            statement.execute(
                "PREPARE by_key(text, text, text) AS SELECT participant_kind, participant_value"
                    + " FROM customer_link WHERE connection = $1 AND customer_kind = $2"
                    + " AND customer_value = $3");
            statement.execute(
                "PREPARE by_participant(text, text, text) AS SELECT customer_kind, customer_value"
                    + " FROM customer_link WHERE connection = $1 AND participant_kind = $2"
                    + " AND participant_value = $3");
            assertThat(plan(statement, "EXECUTE by_key('default', 'phone', '+1')"))
                .contains("customer_link_pkey")
                .doesNotContain("Filter");
            assertThat(plan(statement, "EXECUTE by_participant('default', 'phone', '+1')"))
                .contains("customer_link_by_participant")
                .doesNotContain("Filter");
          }
        });
  }

  @Test
  void links_resolve_as_before_on_h2() throws Exception {
    TestDatabases.onH2(this::upgrade);
  }

  private void upgrade(
      FluentConfiguration flyway, String url, String user, Map<String, Object> properties)
      throws Exception {
    flyway.locations(TestDatabases.MIGRATIONS.split(",")).target("15").load().migrate();
    try (Connection connection = DriverManager.getConnection(url, user, "");
        Statement insert = connection.createStatement()) {
      String phone = CustomerIdColumns.kind(PHONE);
      String opaque = CustomerIdColumns.kind(OPAQUE);
      insert.executeUpdate("INSERT INTO outbox_lane (lane) VALUES ('" + LANE + "')");
      insert.executeUpdate(
          "INSERT INTO outbox_entry (lane, item, enqueued_at, due_at) VALUES ('"
              + LANE
              + "', '"
              + new OutboxCodec().write(WAITING).replace("'", "''")
              + "', TIMESTAMP WITH TIME ZONE '2026-03-01 08:00:00+00',"
              + " TIMESTAMP WITH TIME ZONE '2026-03-01 08:00:00+00')");
      for (String[] link :
          List.of(
              new String[] {phone, PHONE.value(), phone, PHONE.value()},
              new String[] {opaque, OPAQUE.value(), phone, PHONE.value()},
              new String[] {phone, OTHER.value(), phone, OTHER.value()})) {
        insert.executeUpdate(
            "INSERT INTO customer_link (connection, customer_kind, customer_value,"
                + " participant_kind, participant_value, linked_at) VALUES ('default', '"
                + String.join("', '", link)
                + "', CURRENT_TIMESTAMP)");
      }
    }

    flyway.target("latest").load().migrate();

    try (ApplicationContext context = TestDatabases.start(properties, new MutableClock(LATER))) {
      CustomerLinks links = context.getBean(CustomerLinks.class);
      Transactions transactions = context.getBean(Transactions.class);

      assertThat(transactions.inTransaction(() -> links.participant(DEFAULT, OPAQUE, List.of())))
          .isEqualTo(PHONE);
      assertThat(transactions.inTransaction(() -> links.participant(DEFAULT, OTHER, List.of())))
          .isEqualTo(OTHER);
      assertThat(links.linkedWith(DEFAULT, List.of(OPAQUE)))
          .containsExactlyInAnyOrder(PHONE, OPAQUE);
      assertThat(links.linkedWith(DEFAULT, List.of(OTHER))).containsExactly(OTHER);

      Outbox outbox = context.getBean(Outbox.class);
      List<OutboxEntry> due = outbox.claimDue(LATER, 10);
      assertThat(due).extracting(OutboxEntry::item).containsExactly(WAITING);
      transactions.run(() -> outbox.complete(due.get(0).id()));
      assertThat(outbox.pending()).isZero();
    }
  }

  private static String column(Statement statement, String query) throws Exception {
    try (ResultSet rows = statement.executeQuery(query)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static String plan(Statement statement, String query) throws Exception {
    StringBuilder plan = new StringBuilder();
    try (ResultSet rows = statement.executeQuery("EXPLAIN " + query)) {
      while (rows.next()) {
        plan.append(rows.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }
}
