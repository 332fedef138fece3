package dev.switchboard.bootstrap;

import dev.switchboard.application.port.in.ExpireHeldMessagesUseCase;
import dev.switchboard.application.port.in.PurgeExpiredDataCommand;
import dev.switchboard.application.port.in.PurgeExpiredDataUseCase;
import dev.switchboard.application.port.in.SweepStuckWorkCommand;
import dev.switchboard.application.port.in.SweepStuckWorkUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Housekeeping: deletes what has outlived its retention (hourly), sweeps stuck work (every 30 s).
 */
@Singleton
@Requires(property = "switchboard.pipeline.enabled", notEquals = "false")
class Housekeeping {

  private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

  private final PurgeExpiredDataUseCase purge;
  private final SweepStuckWorkUseCase sweep;
  private final ExpireHeldMessagesUseCase expiry;

  Housekeeping(
      PurgeExpiredDataUseCase purge,
      SweepStuckWorkUseCase sweep,
      ExpireHeldMessagesUseCase expiry) {
    this.purge = purge;
    this.sweep = sweep;
    this.expiry = expiry;
  }

  /** Tells agents of the messages held for re-engagement longer than their connection's hold. */
  @Scheduled(initialDelay = "30s", fixedDelay = "30s")
  void expireHeldMessages() {
    try {
      expiry.expireHeldMessages();
    } catch (RuntimeException e) {
      LOG.warn("expiring held messages failed; it runs again in 30 s: {}", e.toString());
    }
  }

  /** Re-drives outbox entries whose dispatcher's lease ran out (it crashed or hangs). */
  @Scheduled(initialDelay = "30s", fixedDelay = "30s")
  void sweep() {
    try {
      sweep.sweep(new SweepStuckWorkCommand());
    } catch (RuntimeException e) {
      LOG.warn("the sweep of stuck work failed; it runs again in 30 s: {}", e.toString());
    }
  }

  @Scheduled(initialDelay = "1m", fixedDelay = "1h")
  void purge() {
    try {
      int deleted = purge.purge(new PurgeExpiredDataCommand());
      if (deleted > 0) {
        LOG.info("retention: deleted {} expired items", deleted);
      }
    } catch (RuntimeException e) {
      LOG.warn("retention purge failed; it runs again in an hour: {}", e.toString());
    }
  }
}
