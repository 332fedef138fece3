package dev.switchboard.adapters.persistence.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;

/**
 * Makes identity columns cache 1,000 ids, on H2 only: H2 writes a sequence's state with a store
 * commit of its own, once per cache's worth of ids, and keeps one state for all sessions, so ids
 * still follow the order of the inserts (a crash may skip up to 1,000). Not on PostgreSQL, where a
 * sequence cache is per session: ids handed out by two connections would no longer follow the
 * commit order, which the inbox and the outbox's lanes rely on.
 */
final class EmbeddedIdCaches {

  /** An identity column. */
  record Identity(String table, String column) {}

  private EmbeddedIdCaches() {}

  /** Sets the cache of each identity column when the database is H2; nothing otherwise. */
  static void set(Context context, Identity... identities) throws Exception {
    String database = context.getConnection().getMetaData().getDatabaseProductName();
    if (!"H2".equalsIgnoreCase(database)) {
      return;
    }
    try (Statement statement = context.getConnection().createStatement()) {
      for (Identity identity : identities) {
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
