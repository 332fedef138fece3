package dev.switchboard.adapters.persistence.migration;

import dev.switchboard.adapters.persistence.migration.EmbeddedIdCaches.Identity;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2 only: every other id sequence persists its state once per 1,000 ids as well, as the inbox's
 * does since {@link V4__Embedded_inbox_id_cache}. With H2's default of 32, the outbox, the kept
 * forwarded copies and the traces each made a store commit of their own every 32 rows: a profile of
 * a backlog's drain found the sequences' commits at a sixth of the pipeline's CPU. Why only H2:
 * {@link EmbeddedIdCaches}.
 */
public final class V14__Embedded_id_caches extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    EmbeddedIdCaches.set(
        context,
        new Identity("outbox_entry", "id"),
        new Identity("dead_letter_outbox", "id"),
        new Identity("dead_letter_webhook", "id"),
        new Identity("held_status_report", "id"),
        new Identity("held_message", "id"),
        new Identity("forwarded_message", "id"),
        new Identity("message_trace", "seq"));
  }
}
