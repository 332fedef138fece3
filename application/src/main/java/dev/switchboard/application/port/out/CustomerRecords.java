package dev.switchboard.application.port.out;

import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import java.time.Instant;
import java.util.List;

/**
 * The personal data kept about customers (conversations, held messages, names, id links, deliveries
 * and message outcomes, pending work), for erasure on request and purge after the retention.
 */
public interface CustomerRecords {

  /**
   * Erases, in one transaction, what is stored about {@code customer} on {@code connection} and
   * about every id linked with them: conversation, held messages, contact name, id links,
   * deliveries, held status reports, message outcomes, pending outbox entries and dead outbox
   * entries of their conversation, and their messages kept until the contact center's receipt.
   *
   * @return the ids whose rows were erased, {@code customer} first; empty when nothing was stored
   */
  List<CustomerId> erase(ConnectionId connection, CustomerId customer);

  /** Deletes up to {@code batch} messages held for re-engagement since before {@code cutoff}. */
  int deleteHeldMessagesBefore(Instant cutoff, int batch);

  /**
   * Deletes up to {@code batch} conversations not changed since before {@code cutoff} that hold no
   * message for re-engagement.
   */
  int deleteConversationsUnchangedBefore(Instant cutoff, int batch);

  /** Deletes up to {@code batch} contact names not changed since before {@code cutoff}. */
  int deleteContactsUnchangedBefore(Instant cutoff, int batch);

  /**
   * Deletes up to {@code batch} id links made before {@code cutoff} when no id linked to the same
   * participant has a conversation left.
   */
  int deleteLinksBefore(Instant cutoff, int batch);

  /**
   * Deletes up to {@code batch} of the oldest message traces recorded before {@code cutoff}; how
   * many. None by default: a store that keeps no traces.
   */
  default int deleteTracesBefore(Instant cutoff, int batch) {
    return 0;
  }

  /**
   * Deletes up to {@code batch} customers' messages kept since before {@code cutoff} for the
   * contact center's receipt that never came ({@link ForwardedMessages}).
   */
  int deleteForwardedMessagesBefore(Instant cutoff, int batch);
}
