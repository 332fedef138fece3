package dev.switchboard.bootstrap;

import dev.switchboard.application.port.in.PurgeExpiredDataCommand;
import dev.switchboard.application.port.in.PurgeExpiredDataUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes what has outlived its retention, every hour. */
@Singleton
@Requires(property = "switchboard.pipeline.enabled", notEquals = "false")
class RetentionJob {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

  private final PurgeExpiredDataUseCase purge;

  RetentionJob(PurgeExpiredDataUseCase purge) {
    this.purge = purge;
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
