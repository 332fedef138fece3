package dev.switchboard.application.service;

import dev.switchboard.application.port.in.PurgeExpiredDataCommand;
import dev.switchboard.application.port.in.PurgeExpiredDataUseCase;
import dev.switchboard.application.port.out.CustomerRecords;
import dev.switchboard.application.port.out.DeadLetters;
import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.application.port.out.MediaStore;
import dev.switchboard.application.port.out.ProcessedMessages;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Deletes re-hosted media once its retention has passed and, when given a dedupe retention, the ids
 * of processed messages, the deliveries and held status reports, and the dead letters older than
 * it. Those are deleted in batches of 1,000 (each its own statement) until a batch comes back
 * short, so that no purge holds long locks.
 */
public final class PurgeExpiredDataService implements PurgeExpiredDataUseCase {

  private static final System.Logger LOG =
      System.getLogger(PurgeExpiredDataService.class.getName());

  /** How long processed ids, deliveries and dead letters are kept unless configured otherwise. */
  public static final Duration DEFAULT_DEDUPE_RETENTION = Duration.ofDays(30);

  /** The shortest dedupe retention allowed: Meta and Genesys redeliver for days. */
  public static final Duration MIN_DEDUPE_RETENTION = Duration.ofDays(7);

  /** How many rows one delete statement removes at most. */
  static final int BATCH = 1_000;

  private final MediaStore media;
  private final Duration mediaRetention;
  private final Duration dedupeRetention;
  private final List<Expiring> expiring;
  private final Clock clock;

  /** Purges media only. */
  public PurgeExpiredDataService(MediaStore media, Duration mediaRetention, Clock clock) {
    this.media = Objects.requireNonNull(media, "media");
    this.mediaRetention = Objects.requireNonNull(mediaRetention, "mediaRetention");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.dedupeRetention = null;
    this.expiring = List.of();
  }

  /**
   * Purges media, and processed ids, deliveries and dead letters.
   *
   * @param dedupeRetention how long processed ids, deliveries and dead letters are kept; at least
   *     {@link #MIN_DEDUPE_RETENTION}
   * @throws IllegalArgumentException when {@code dedupeRetention} is shorter than the minimum
   */
  public PurgeExpiredDataService(
      MediaStore media,
      Duration mediaRetention,
      ProcessedMessages processed,
      Deliveries deliveries,
      DeadLetters deadLetters,
      Duration dedupeRetention,
      Clock clock) {
    this(media, mediaRetention, processed, deliveries, deadLetters, null, dedupeRetention, clock);
  }

  /**
   * Purges media, processed ids, deliveries and dead letters, and the customers' personal data:
   * held messages, then conversations not changed within the retention that hold none, contact
   * names and id links of customers without a conversation left.
   *
   * @param customers the customers' records; {@code null} to keep them
   */
  public PurgeExpiredDataService(
      MediaStore media,
      Duration mediaRetention,
      ProcessedMessages processed,
      Deliveries deliveries,
      DeadLetters deadLetters,
      CustomerRecords customers,
      Duration dedupeRetention,
      Clock clock) {
    this.media = Objects.requireNonNull(media, "media");
    this.mediaRetention = Objects.requireNonNull(mediaRetention, "mediaRetention");
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(dedupeRetention, "dedupeRetention");
    if (dedupeRetention.compareTo(MIN_DEDUPE_RETENTION) < 0) {
      throw new IllegalArgumentException(
          "switchboard.dedupe.retention must be at least "
              + MIN_DEDUPE_RETENTION.toDays()
              + " days, was "
              + dedupeRetention);
    }
    this.dedupeRetention = dedupeRetention;
    Objects.requireNonNull(processed, "processed");
    Objects.requireNonNull(deliveries, "deliveries");
    Objects.requireNonNull(deadLetters, "deadLetters");
    List<Expiring> kinds = new ArrayList<>();
    kinds.add(new Expiring("processed message ids", processed::deleteRecordedBefore));
    kinds.add(new Expiring("deliveries and held reports", deliveries::deleteChangedBefore));
    kinds.add(new Expiring("dead letters", deadLetters::deleteCreatedBefore));
    if (customers != null) {
      // held messages first: a conversation holding none can go
      kinds.add(new Expiring("held messages", customers::deleteHeldMessagesBefore));
      kinds.add(
          new Expiring(
              "forwarded messages never reported on", customers::deleteForwardedMessagesBefore));
      kinds.add(new Expiring("conversations", customers::deleteConversationsUnchangedBefore));
      kinds.add(new Expiring("contact names", customers::deleteContactsUnchangedBefore));
      kinds.add(new Expiring("customer links", customers::deleteLinksBefore));
      kinds.add(new Expiring("message traces", customers::deleteTracesBefore));
    }
    this.expiring = List.copyOf(kinds);
  }

  @Override
  public int purge(PurgeExpiredDataCommand command) {
    Instant now = clock.instant();
    int deleted = media.deleteStoredBefore(now.minus(mediaRetention));
    if (deleted > 0) {
      LOG.log(Level.INFO, "purged {0} media", deleted);
    }
    for (Expiring kind : expiring) {
      int purged = kind.purgeBefore(now.minus(dedupeRetention));
      if (purged > 0) {
        LOG.log(Level.INFO, "purged {0} {1}", purged, kind.name());
      }
      deleted += purged;
    }
    return deleted;
  }

  /** One batched delete of what was kept before a cutoff: how many it deleted. */
  private interface BatchDelete {
    int deleteBefore(Instant cutoff, int batch);
  }

  /** A kind of record that expires with the dedupe retention. */
  private record Expiring(String name, BatchDelete delete) {

    /** Deletes batch after batch until one comes back short; how many in all. */
    int purgeBefore(Instant cutoff) {
      int total = 0;
      int deleted;
      do {
        deleted = delete.deleteBefore(cutoff, BATCH);
        total += deleted;
      } while (deleted >= BATCH);
      return total;
    }
  }
}
