package dev.switchboard.application.fakes;

import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.port.out.ForwardedMessages;
import dev.switchboard.domain.channel.ConnectionId;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link ForwardedMessages} in memory, keyed by connection and the message's channel id. */
public final class InMemoryForwardedMessages implements ForwardedMessages {

  private final Clock clock;
  private final Map<String, OutboxEntry> kept = new LinkedHashMap<>();
  private long lastId;

  public InMemoryForwardedMessages(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized void keep(String lane, OutboxItem.ForwardToContactCenter forwarding) {
    kept.put(
        key(forwarding.connection(), forwarding.message().channelMessageId()),
        new OutboxEntry(++lastId, lane, forwarding, 0, clock.instant()));
  }

  @Override
  public synchronized Optional<OutboxEntry> take(ConnectionId connection, List<String> ids) {
    for (String id : ids) {
      OutboxEntry entry = kept.remove(key(connection, id));
      if (entry != null) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  /** The forwardings kept, oldest first. */
  public synchronized List<OutboxEntry> kept() {
    return List.copyOf(kept.values());
  }

  private static String key(ConnectionId connection, String messageId) {
    return connection.value() + "\n" + messageId;
  }
}
