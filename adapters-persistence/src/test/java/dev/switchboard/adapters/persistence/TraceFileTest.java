package dev.switchboard.adapters.persistence;

import static dev.switchboard.adapters.persistence.Samples.DEFAULT;
import static dev.switchboard.adapters.persistence.Samples.PHONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.pipeline.MessageTrace;
import dev.switchboard.application.pipeline.Traced;
import dev.switchboard.application.port.out.CustomerRecords;
import dev.switchboard.domain.conversation.ConversationKey;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * On the embedded default the traces have an H2 file of their own next to the database: what an
 * earlier release wrote in the database's {@code message_trace} is moved there at start, keeps its
 * order before what comes after, is erased with its customer, and is moved once.
 */
class TraceFileTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

  @Test
  void traces_of_an_earlier_release_move_to_their_own_file_in_order() throws Exception {
    TestDatabases.onH2(this::upgrade);
  }

  private void upgrade(
      FluentConfiguration flyway, String url, String user, Map<String, Object> properties)
      throws Exception {
    flyway.locations(TestDatabases.MIGRATIONS.split(",")).load().migrate();
    String customer = JdbcMessageTraces.customerKey(new ConversationKey(DEFAULT, PHONE));
    try (Connection connection = DriverManager.getConnection(url, user, "");
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO message_trace (seq, message_id, connection, direction, customer_key,"
                    + " events, recorded_at) VALUES (?, ?, 'default', 'to_agent', ?, ?, ?)")) {
      long at = clock.instant().minusSeconds(60).toEpochMilli() * 1000;
      Object[][] rows = {
        {7L, "wamid.EARLIER", at + " processed\n" + at + " queued"},
        {9L, "wamid.OTHER", at + " processed"}
      };
      for (Object[] row : rows) {
        insert.setLong(1, (Long) row[0]);
        insert.setString(2, (String) row[1]);
        insert.setString(3, customer);
        insert.setString(4, (String) row[2]);
        insert.setObject(5, clock.instant().minusSeconds(60).atOffset(ZoneOffset.UTC));
        insert.executeUpdate();
      }
    }
    Path database = Path.of(url.substring("jdbc:h2:file:".length(), url.indexOf(';')));

    try (ApplicationContext context = TestDatabases.start(properties, clock)) {
      JdbcMessageTraces traces = context.getBean(JdbcMessageTraces.class);
      traces.delivered(
          new Traced("wamid.EARLIER", DEFAULT, Traced.Direction.TO_AGENT, PHONE), null);

      MessageTrace trace = traces.find("wamid.EARLIER").orElseThrow();

      assertThat(trace.events())
          .extracting(MessageTrace.Event::stage)
          .containsExactly("processed", "queued", "sent");
      assertThat(Files.exists(database.resolveSibling("traces.mv.db"))).isTrue();
      assertThat(mainRows(context)).as("left in the pipeline's database").isZero();
      long first =
          context
              .getBean(TraceStore.class)
              .inTransaction(c -> Jdbc.count(c, "SELECT MIN(seq) FROM message_trace"));
      assertThat(first).as("the earlier rows keep their numbers").isEqualTo(7L);
    }

    try (ApplicationContext again = TestDatabases.start(properties, clock)) {
      JdbcMessageTraces traces = again.getBean(JdbcMessageTraces.class);
      assertThat(traces.find("wamid.EARLIER").orElseThrow().events())
          .as("moved once: a restart finds the same trace")
          .hasSize(3);

      again.getBean(CustomerRecords.class).erase(DEFAULT, PHONE);

      assertThat(traces.find("wamid.EARLIER")).isEmpty();
      assertThat(traces.find("wamid.OTHER")).isEmpty();
    }
  }

  private static long mainRows(ApplicationContext context) {
    return context
        .getBean(Jdbc.class)
        .inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM message_trace"));
  }
}
