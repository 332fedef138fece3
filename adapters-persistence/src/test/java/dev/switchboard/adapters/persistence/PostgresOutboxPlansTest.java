package dev.switchboard.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.port.out.Outbox;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox is a queue table: empty when an instance starts, then anything up to a backlog of
 * hundreds of thousands of rows. PostgreSQL caches a generic plan for a prepared statement after a
 * few executions, and for the claim's "no earlier entry in this lane" check a plan made while the
 * table was nearly empty scans the whole table: once the backlog grows, every claimed entry costs a
 * scan of the outbox and the drain crawls (a benchmark drain fell to 20 messages a second). Claims
 * must stay index lookups whatever the table held when their plan was first made. On the real
 * PostgreSQL, with two pooled connections (a thread gets the one it used last), so that the claims
 * run on the connection that cached their plans; fails, rather than skips, when PostgreSQL is down.
 */
class PostgresOutboxPlansTest {

  private static final int LANES = 1_000;
  private static final int PER_LANE = 200;

  private final Clock clock = Clock.systemUTC();
  private String schema;
  private ApplicationContext context;

  @BeforeEach
  void start() throws Exception {
    schema = TestDatabases.createPostgresSchema();
    Map<String, Object> properties = new HashMap<>(TestDatabases.postgres(schema));
    properties.put("datasources.default.maximum-pool-size", 2);
    context = TestDatabases.start(properties, clock);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (context != null) {
        context.close();
      }
    } finally {
      TestDatabases.dropPostgresSchema(schema);
    }
  }

  @Test
  void claimsOfABacklogStayFastAfterTheOutboxWasEmptyWhenTheyWereFirstPlanned() throws Exception {
    Outbox outbox = context.getBean(Outbox.class);
    // what an instance does as its first messages trickle through: plans cached on a tiny table
    for (int i = 0; i < 40; i++) {
      outbox.enqueue("warm-" + i, Samples.items().get(0));
      List<OutboxEntry> claimed = outbox.claimDue(clock.instant(), 4);
      assertThat(claimed).hasSize(1);
      outbox.complete(claimed.get(0).id());
    }
    backlog();

    long began = System.nanoTime();
    List<OutboxEntry> claimed = outbox.claimDue(clock.instant(), 50);
    Duration took = Duration.ofNanos(System.nanoTime() - began);

    assertThat(claimed).hasSize(50);
    assertThat(claimed).extracting(OutboxEntry::lane).doesNotHaveDuplicates();
    // index lookups take milliseconds; a scan of the 200,000-row outbox per entry takes seconds
    assertThat(took).isLessThan(Duration.ofSeconds(1));
  }

  /** {@value #PER_LANE} entries in each of {@value #LANES} lanes, written straight to the table. */
  private void backlog() throws Exception {
    String item = context.getBean(OutboxCodec.class).write(Samples.items().get(0));
    try (Connection connection =
            DriverManager.getConnection(
                TestDatabases.POSTGRES_URL + "?currentSchema=" + schema,
                TestDatabases.POSTGRES_USER,
                "");
        PreparedStatement lanes =
            connection.prepareStatement(
                "INSERT INTO outbox_lane (lane) SELECT 'lane-' || g FROM generate_series(0, ?) g");
        PreparedStatement entries =
            connection.prepareStatement(
                "INSERT INTO outbox_entry (lane, item, enqueued_at, due_at)"
                    + " SELECT 'lane-' || (g % ?), ?, now() - interval '1 hour',"
                    + " now() - interval '1 hour' FROM generate_series(1, ?) g");
        Statement count = connection.createStatement()) {
      lanes.setInt(1, LANES - 1);
      lanes.executeUpdate();
      entries.setInt(1, LANES);
      entries.setString(2, item);
      entries.setInt(3, LANES * PER_LANE);
      entries.executeUpdate();
      try (ResultSet rows = count.executeQuery("SELECT count(*) FROM outbox_entry")) {
        rows.next();
        assertThat(rows.getLong(1)).isEqualTo((long) LANES * PER_LANE);
      }
    }
  }
}
