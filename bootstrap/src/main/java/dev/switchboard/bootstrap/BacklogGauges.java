package dev.switchboard.bootstrap;

import dev.switchboard.application.port.out.DeadLetters;
import dev.switchboard.application.port.out.Inbox;
import dev.switchboard.application.port.out.Outbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * {@code switchboard_backlog{stage}}: the webhooks waiting in the inbox, the outbox entries waiting
 * to be sent, the dead letters kept. Counted when Prometheus scrapes, at most once per {@link
 * #FRESH} each (the outbox and dead letters are counted in their tables): never on the pipeline's
 * threads, and a frequent scrape costs no more than one count per stage every few seconds.
 */
@Context
@Requires(beans = MeterRegistry.class)
final class BacklogGauges {

  private static final System.Logger LOG = System.getLogger(BacklogGauges.class.getName());

  /** How long a count is shown before it is counted again. */
  static final Duration FRESH = Duration.ofSeconds(5);

  static final String BACKLOG = "switchboard.backlog";

  BacklogGauges(MeterRegistry registry, Inbox inbox, Outbox outbox, DeadLetters deadLetters) {
    gauge(registry, "inbox", new Cached(inbox::backlog));
    gauge(registry, "outbox", new Cached(outbox::pending));
    gauge(registry, "dead_letters", new Cached(deadLetters::count));
  }

  private static void gauge(MeterRegistry registry, String stage, Cached count) {
    Gauge.builder(BACKLOG, count, Cached::value)
        .description("What waits: webhooks in the inbox, entries in the outbox, dead letters kept")
        .tag("stage", stage)
        .strongReference(true)
        .register(registry);
  }

  /** A count kept for {@link #FRESH}; the last one known while counting fails. */
  static final class Cached {
    private final LongSupplier count;
    private long value;
    private long countedAt;
    private boolean counted;

    Cached(LongSupplier count) {
      this.count = count;
    }

    synchronized double value() {
      long now = System.nanoTime();
      if (!counted || now - countedAt >= FRESH.toNanos()) {
        try {
          value = count.getAsLong();
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "counting a backlog failed: {0}", e.toString());
        }
        countedAt = now;
        counted = true;
      }
      return value;
    }
  }
}
