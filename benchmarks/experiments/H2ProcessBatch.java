import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Evidence for the processing fix, outside the service: the statements the embedded pipeline runs
 * for one inbound WhatsApp text (the same SQL as the JDBC adapters: dedupe insert, conversation
 * insert-if-absent + lock + update, contact update + insert-if-absent, outbox lane insert + lock,
 * outbox entry insert, inbox delete) against Switchboard's own schema (its Flyway migrations, read
 * from the jar) in an H2 file database with {@code WRITE_DELAY=0}, committed two ways:
 *
 * <ul>
 *   <li>{@code 1}: one transaction per webhook (what ProcessInboxService does today);
 *   <li>{@code N}: one transaction per N webhooks (batched processing).
 * </ul>
 *
 * {@code java -cp switchboard.jar benchmarks/experiments/H2ProcessBatch.java 1|64 [events]}
 */
public class H2ProcessBatch {

  public static void main(String[] args) throws Exception {
    int perCommit = Integer.parseInt(args[0]);
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
    Path dir = Files.createTempDirectory("h2-process-batch");
    try (Connection c =
        DriverManager.getConnection(
            "jdbc:h2:file:" + dir + "/switchboard;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
            "sa",
            "")) {
      for (String migration :
          List.of("V1__switchboard_schema.sql", "V2__delivery_offered_replies_and_parts.sql")) {
        try (InputStream in =
                H2ProcessBatch.class.getClassLoader().getResourceAsStream("db/migration/" + migration);
            Statement s = c.createStatement()) {
          String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
            if (!statement.isBlank()) {
              s.execute(statement);
            }
          }
        }
      }
      c.setAutoCommit(false);
      Random random = new Random(1);
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO inbox_event (source, body, received_at) VALUES ('WHATSAPP', ?, ?)")) {
        for (int i = 0; i < events; i++) {
          byte[] body = new byte[1024 + random.nextInt(1025)];
          random.nextBytes(body);
          insert.setBytes(1, body);
          insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
          insert.addBatch();
          if (i % 500 == 499) {
            insert.executeBatch();
            c.commit();
          }
        }
        insert.executeBatch();
        c.commit();
      }
      long start = System.nanoTime();
      int done = 0;
      while (done < events) {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement s =
            c.prepareStatement("SELECT id FROM inbox_event ORDER BY id LIMIT 64")) {
          try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
              ids.add(r.getLong(1));
            }
          }
        }
        c.commit();
        int inTx = 0;
        for (long id : ids) {
          handle(c, id, (int) (id % 1000));
          done++;
          if (++inTx == perCommit) {
            c.commit();
            inTx = 0;
          }
        }
        c.commit();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "%d webhooks per commit: %.0f webhooks/s processed (%d in %.1f s, one thread)%n",
          perCommit, events / seconds, events, seconds);
    }
  }

  private static void handle(Connection c, long id, int customer) throws Exception {
    String phone = String.format("+1650555%04d", customer);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    update(c, "INSERT INTO processed_message (message_key, processed_at) VALUES (?, ?)"
        + " ON CONFLICT DO NOTHING", "whatsapp:wamid." + id, now);
    update(c, "INSERT INTO conversation (customer_kind, customer_value) VALUES (?, ?)"
        + " ON CONFLICT DO NOTHING", "PHONE", phone);
    query(c, "SELECT last_customer_message_at, business_number_id, last_customer_message_id"
        + " FROM conversation WHERE customer_kind = ? AND customer_value = ? FOR UPDATE",
        "PHONE", phone);
    update(c, "UPDATE conversation SET last_customer_message_at = ?, business_number_id = ?,"
        + " last_customer_message_id = ? WHERE customer_kind = ? AND customer_value = ?",
        now, "106540352242922", "wamid." + id, "PHONE", phone);
    update(c, "UPDATE contact SET display_name = COALESCE(?, display_name), updated_at = ?"
        + " WHERE customer_kind = ? AND customer_value = ?", "Bench Customer", now, "PHONE", phone);
    update(c, "INSERT INTO contact (customer_kind, customer_value, display_name, updated_at)"
        + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", "PHONE", phone, "Bench Customer", now);
    String lane = "cc:PHONE:" + phone;
    update(c, "INSERT INTO outbox_lane (lane) VALUES (?) ON CONFLICT DO NOTHING", lane);
    query(c, "SELECT lane FROM outbox_lane WHERE lane = ? FOR UPDATE", lane);
    update(c, "INSERT INTO outbox_entry (lane, item, enqueued_at, due_at) VALUES (?, ?, ?, ?)",
        lane, "{\"type\":\"ForwardToContactCenter\",\"text\":\"" + "x".repeat(600) + "\"}", now,
        now);
    update(c, "DELETE FROM inbox_event WHERE id = ?", id);
  }

  private static void update(Connection c, String sql, Object... values) throws Exception {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        s.setObject(i + 1, values[i]);
      }
      s.executeUpdate();
    }
  }

  private static void query(Connection c, String sql, Object... values) throws Exception {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        s.setObject(i + 1, values[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          r.getObject(1);
        }
      }
    }
  }
}
