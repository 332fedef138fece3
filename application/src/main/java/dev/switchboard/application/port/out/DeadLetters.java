package dev.switchboard.application.port.out;

import dev.switchboard.application.pipeline.DeadLetter;
import dev.switchboard.application.pipeline.DeadLetterFilter;
import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.RawWebhook;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where work that can never be completed is kept, with its reason, for an operator. */
public interface DeadLetters {

  /** Keeps a webhook (or the part of it) that could not be processed. */
  void addWebhook(RawWebhook webhook, String reason);

  /** Keeps an outbox entry that could not be dispatched. */
  void addOutboxEntry(OutboxEntry entry, String reason);

  /**
   * Up to {@code limit} dead letters, oldest first, starting after {@code afterId} (null: from the
   * first).
   */
  default List<DeadLetter> list(int limit, String afterId) {
    return list(DeadLetterFilter.ALL, limit, afterId);
  }

  /**
   * Up to {@code limit} dead letters that {@code filter} chooses, oldest first, starting after
   * {@code afterId} (null: from the first).
   */
  List<DeadLetter> list(DeadLetterFilter filter, int limit, String afterId);

  /** The dead letter with this id. */
  Optional<DeadLetter> find(String id);

  /** Removes a dead letter (it was replayed); part of the caller's transaction. */
  void remove(String id);

  /**
   * Deletes up to {@code batch} of the dead letters that {@code filter} chooses, oldest first, in
   * one transaction; how many.
   */
  int removeMatching(DeadLetterFilter filter, int batch);

  /** Deletes up to {@code batch} dead letters set aside before {@code cutoff}; how many. */
  int deleteCreatedBefore(Instant cutoff, int batch);

  /** How many dead letters are kept (a count of the tables: not for a hot path). */
  long count();
}
