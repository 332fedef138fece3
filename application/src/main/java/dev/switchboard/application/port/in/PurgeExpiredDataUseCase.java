package dev.switchboard.application.port.in;

/** Deletes what has been kept longer than its retention. */
public interface PurgeExpiredDataUseCase {

  /** Purges; returns how many items were deleted. */
  int purge(PurgeExpiredDataCommand command);
}
