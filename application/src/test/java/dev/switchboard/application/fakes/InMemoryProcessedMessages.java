package dev.switchboard.application.fakes;

import dev.switchboard.application.port.out.ProcessedMessages;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** {@link ProcessedMessages} in memory. */
public final class InMemoryProcessedMessages implements ProcessedMessages {

  private final Set<String> keys = new LinkedHashSet<>();

  @Override
  public synchronized boolean firstTime(String messageKey) {
    return keys.add(Objects.requireNonNull(messageKey, "messageKey"));
  }

  /** Whether the key was recorded. */
  public synchronized boolean contains(String messageKey) {
    return keys.contains(messageKey);
  }

  /** The keys recorded, in order. */
  public synchronized List<String> keys() {
    return List.copyOf(keys);
  }
}
