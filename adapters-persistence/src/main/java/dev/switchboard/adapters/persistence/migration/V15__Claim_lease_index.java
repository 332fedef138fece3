package dev.switchboard.adapters.persistence.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL only: an index of the outbox entries that are claimed, for the sweep that frees the
 * claims whose lease ran out ({@code claimed_until < now}, every 30 s). Without it each sweep read
 * the whole outbox, 100,000 rows and more during a backlog, to find the few entries claimed at that
 * moment. Partial, so that it holds only those entries and an unclaimed entry costs it nothing. Not
 * on H2: there an instance keeps its claims in memory and the sweep runs no statement.
 */
public final class V15__Claim_lease_index extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    String database = context.getConnection().getMetaData().getDatabaseProductName();
    if (!"PostgreSQL".equalsIgnoreCase(database)) {
      return;
    }
    try (Statement statement = context.getConnection().createStatement()) {
      statement.execute(
          "CREATE INDEX outbox_entry_claimed_until ON outbox_entry (claimed_until)"
              + " WHERE claimed_until IS NOT NULL");
    }
  }
}
