package dev.switchboard.application.pipeline;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one reconciliation found left behind and re-drove, by stage ({@link #STAGES}): counts only,
 * never content.
 *
 * @param stuck how many items of each stage waited longer than the grace
 * @param redriven how many items of each stage were re-driven (their worker woken, their claim
 *     released, their queue consumed again)
 */
public record ReconciliationReport(Map<String, Long> stuck, Map<String, Long> redriven) {

  /** Accepted webhooks not yet processed: the embedded inbox, or the broker's ingest queue. */
  public static final String INBOX = "inbox";

  /** Decoded events waiting in the broker's shard queues (RabbitMQ mode). */
  public static final String EVENTS = "events";

  /** Outbox entries due and at the head of their lane, not taken by a dispatcher. */
  public static final String OUTBOX = "outbox";

  /** Outbox claims whose lease ran out (their dispatcher crashed or hangs). */
  public static final String CLAIMS = "claims";

  /** Every stage, the values of the meters' {@code stage} tag. */
  public static final Set<String> STAGES = Set.of(INBOX, EVENTS, OUTBOX, CLAIMS);

  public ReconciliationReport {
    stuck = Map.copyOf(new TreeMap<>(Objects.requireNonNull(stuck, "stuck")));
    redriven = Map.copyOf(new TreeMap<>(Objects.requireNonNull(redriven, "redriven")));
    for (String stage : stuck.keySet()) {
      requireStage(stage);
    }
    for (String stage : redriven.keySet()) {
      requireStage(stage);
    }
  }

  /** Whether nothing was found left behind. */
  public boolean isClean() {
    return stuck.values().stream().allMatch(n -> n == 0)
        && redriven.values().stream().allMatch(n -> n == 0);
  }

  /** How many items of {@code stage} waited longer than the grace. */
  public long stuck(String stage) {
    return stuck.getOrDefault(requireStage(stage), 0L);
  }

  /** How many items of {@code stage} were re-driven. */
  public long redriven(String stage) {
    return redriven.getOrDefault(requireStage(stage), 0L);
  }

  private static String requireStage(String stage) {
    if (!STAGES.contains(stage)) {
      throw new IllegalArgumentException("not a reconciliation stage: " + stage);
    }
    return stage;
  }
}
