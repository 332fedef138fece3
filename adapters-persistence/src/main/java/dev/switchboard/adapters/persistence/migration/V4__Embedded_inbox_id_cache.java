package dev.switchboard.adapters.persistence.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2 only: the inbox's id sequence persists its state once per 1,000 ids instead of once per 32
 * (H2's default). H2 writes a sequence's state with a store commit of its own, so with the default
 * a group commit of 500 webhooks made some 16 extra commits. H2 keeps one sequence state for all
 * sessions, so ids still follow the order of the inserts; a crash may skip up to 1,000 ids.
 *
 * <p>Not on PostgreSQL, where a sequence cache is per session: ids handed out by two connections
 * would no longer follow the commit order, which the inbox relies on.
 */
public final class V4__Embedded_inbox_id_cache extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    String database = context.getConnection().getMetaData().getDatabaseProductName();
    if (!"H2".equalsIgnoreCase(database)) {
      return;
    }
    try (Statement statement = context.getConnection().createStatement()) {
      statement.execute("ALTER TABLE inbox_event ALTER COLUMN id SET CACHE 1000");
    }
  }
}
