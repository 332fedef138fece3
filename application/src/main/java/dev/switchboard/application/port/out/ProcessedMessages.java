package dev.switchboard.application.port.out;

/** The ids of the messages already handled, so that a redelivery has no second effect. */
public interface ProcessedMessages {

  /**
   * Records the id; true when it was not recorded before. Part of the caller's transaction, so that
   * the id and the effects of handling it are stored together or not at all.
   */
  boolean firstTime(String messageKey);

  /** Forgets up to {@code batch} ids recorded before {@code cutoff}; returns how many. */
  int deleteRecordedBefore(java.time.Instant cutoff, int batch);
}
