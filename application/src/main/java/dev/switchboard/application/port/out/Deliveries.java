package dev.switchboard.application.port.out;

import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.delivery.Delivery;
import dev.switchboard.domain.delivery.MessageOutcome;
import dev.switchboard.domain.delivery.StatusReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The messages sent to customers, by connection and the channel's id, what became of each agent
 * message as a whole, and the status reports that arrived before the bridge knew which message they
 * are about.
 */
public interface Deliveries {

  /** Stores a delivery, replacing the one with the same connection and channel message id. */
  void save(ConnectionId connection, Delivery delivery);

  /** The delivery with this channel message id on the connection. */
  Optional<Delivery> byChannelMessageId(ConnectionId connection, String channelMessageId);

  /** Keeps a report about a message the bridge does not know yet. */
  void hold(ConnectionId connection, StatusReport report);

  /** Removes and returns the reports held for this channel message id, oldest first. */
  List<StatusReport> releaseHeld(ConnectionId connection, String channelMessageId);

  /** What became of the agent message with this contact center id, when it is followed whole. */
  Optional<MessageOutcome> outcome(ConnectionId connection, String contactCenterMessageId);

  /** Stores a message's outcome, replacing the one with the same connection and id. */
  void saveOutcome(ConnectionId connection, MessageOutcome outcome);

  /**
   * Forgets up to {@code batch} deliveries, message outcomes and held reports last changed before
   * {@code cutoff}; returns how many.
   */
  int deleteChangedBefore(Instant cutoff, int batch);
}
