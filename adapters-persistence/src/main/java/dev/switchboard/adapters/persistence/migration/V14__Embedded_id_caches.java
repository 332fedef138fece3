package dev.switchboard.adapters.persistence.migration;

import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2 only: every other id sequence persists its state once per 1,000 ids as well, as the inbox's
 * does since {@link V4__Embedded_inbox_id_cache}. With H2's default of 32, the outbox, the kept
 * forwarded copies and the traces each made a store commit of their own every 32 rows: a profile of
 * a backlog's drain found the sequences' commits at a sixth of the pipeline's CPU. Ids still follow
 * the order of the inserts (H2 keeps one sequence state for all sessions); a crash may skip up to
 * 1,000 ids.
 *
 * <p>Not on PostgreSQL, for the reason V4 gives.
 */
public final class V14__Embedded_id_caches extends BaseJavaMigration {

  /** An identity column. */
  record Identity(String table, String column) {}

  /** Every identity column but the inbox's. */
  static final List<Identity> IDENTITIES =
      List.of(
          new Identity("outbox_entry", "id"),
          new Identity("dead_letter_outbox", "id"),
          new Identity("dead_letter_webhook", "id"),
          new Identity("held_status_report", "id"),
          new Identity("held_message", "id"),
          new Identity("forwarded_message", "id"),
          new Identity("message_trace", "seq"));

  @Override
  public void migrate(Context context) throws Exception {
    String database = context.getConnection().getMetaData().getDatabaseProductName();
    if (!"H2".equalsIgnoreCase(database)) {
      return;
    }
    try (Statement statement = context.getConnection().createStatement()) {
      for (Identity identity : IDENTITIES) {
        statement.execute(
            "ALTER TABLE "
                + identity.table()
                + " ALTER COLUMN "
                + identity.column()
                + " SET CACHE 1000");
      }
    }
  }
}
