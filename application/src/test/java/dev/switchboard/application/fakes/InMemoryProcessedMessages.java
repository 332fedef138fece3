package dev.switchboard.application.fakes;

import dev.switchboard.application.port.out.ProcessedMessages;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link ProcessedMessages} in memory, stamped with a clock; lookups can be made to fail before
 * recording anything, as when the store is unavailable.
 */
public final class InMemoryProcessedMessages implements ProcessedMessages {

  private final Map<String, Instant> keys = new LinkedHashMap<>();
  private final Clock clock;
  private int failuresLeft;
  private String failingKeyPart;
  private int failuresOfKeyLeft;

  /** Ids stamped with the system clock. */
  public InMemoryProcessedMessages() {
    this(Clock.systemUTC());
  }

  /** Ids stamped with {@code clock}'s time. */
  public InMemoryProcessedMessages(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized boolean firstTime(String messageKey) {
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new IllegalStateException("store unavailable");
    }
    if (failuresOfKeyLeft > 0 && messageKey.contains(failingKeyPart)) {
      failuresOfKeyLeft--;
      throw new IllegalStateException("store unavailable");
    }
    return keys.putIfAbsent(Objects.requireNonNull(messageKey, "messageKey"), clock.instant())
        == null;
  }

  @Override
  public synchronized int deleteRecordedBefore(Instant cutoff, int batch) {
    int deleted = 0;
    for (var it = keys.values().iterator(); it.hasNext() && deleted < batch; ) {
      if (it.next().isBefore(cutoff)) {
        it.remove();
        deleted++;
      }
    }
    return deleted;
  }

  /** The next {@code times} lookups throw "store unavailable" and record nothing. */
  public synchronized void failNext(int times) {
    failuresLeft = times;
  }

  /**
   * The next {@code times} lookups of a key that contains {@code keyPart} throw "store unavailable"
   * and record nothing; other keys are recorded as usual.
   */
  public synchronized void failFor(String keyPart, int times) {
    failingKeyPart = Objects.requireNonNull(keyPart, "keyPart");
    failuresOfKeyLeft = times;
  }

  /** Whether the key was recorded. */
  public synchronized boolean contains(String messageKey) {
    return keys.containsKey(messageKey);
  }

  /** The keys recorded, in order. */
  public synchronized List<String> keys() {
    return List.copyOf(keys.keySet());
  }
}
