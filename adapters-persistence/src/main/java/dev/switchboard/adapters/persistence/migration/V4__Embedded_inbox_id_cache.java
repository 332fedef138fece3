package dev.switchboard.adapters.persistence.migration;

import dev.switchboard.adapters.persistence.migration.EmbeddedIdCaches.Identity;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2 only: the inbox's id sequence persists its state once per 1,000 ids instead of once per 32
 * (H2's default); with the default a group commit of 500 webhooks made some 16 extra commits. Why
 * only H2: {@link EmbeddedIdCaches}.
 */
public final class V4__Embedded_inbox_id_cache extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    EmbeddedIdCaches.set(context, new Identity("inbox_event", "id"));
  }
}
