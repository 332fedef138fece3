package dev.switchboard.application.port.out;

import java.util.List;
import java.util.Map;

/**
 * The broker's work queues as this instance consumes them (deployments with a broker), looked at by
 * the reconciliation: a consumer can be lost without the process noticing (a channel closed by the
 * broker is not recovered the way a dropped connection is), and its queue then fills with work
 * nobody takes.
 */
public interface QueueConsumers {

  /**
   * Consumes again every queue whose consumer in this instance was lost (its channel closed while
   * the connection stays up, or the broker cancelled it). Messages stay in their queue meanwhile
   * (unacknowledged ones went back when the channel closed), so nothing is copied.
   *
   * @return the stage of each queue consumed again ({@code inbox} for the ingest queue, {@code
   *     events} for a shard queue), one per queue
   */
  List<String> resumeLost();

  /**
   * How many messages wait, by stage, in the work queues that no instance consumes at all (every
   * instance is accept-only, or every one lost its consumer).
   */
  Map<String, Long> unconsumed();
}
