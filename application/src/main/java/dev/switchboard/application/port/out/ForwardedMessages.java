package dev.switchboard.application.port.out;

import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.domain.channel.ConnectionId;
import java.util.List;
import java.util.Optional;

/**
 * Customers' messages on their way to the contact center, kept from the moment they are queued
 * until the contact center reports on them (or the dedupe retention ends, {@link
 * CustomerRecords#deleteForwardedMessagesBefore}): a message it reports failed after taking it is
 * then no longer in the outbox, and this copy is what goes to the dead letters, to be replayed.
 */
public interface ForwardedMessages {

  /**
   * Keeps the forwarding of a customer's message under its id on its connection (replacing one kept
   * under the same id); part of the caller's transaction.
   */
  void keep(String lane, OutboxItem.ForwardToContactCenter forwarding);

  /**
   * Takes the forwarding kept under the first of {@code messageIds} that names one: it is kept no
   * longer. Part of the caller's transaction.
   *
   * @return the forwarding as an outbox entry of its lane (its id is the kept copy's, its time when
   *     it was kept); empty when none is kept under those ids
   */
  Optional<OutboxEntry> take(ConnectionId connection, List<String> messageIds);
}
