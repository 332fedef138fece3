package dev.switchboard.application.fakes;

import dev.switchboard.application.port.out.CustomerLinks;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** {@link CustomerLinks} in memory: each connection's ids and the participant each is linked to. */
public final class InMemoryCustomerLinks implements CustomerLinks {

  private record Key(ConnectionId connection, CustomerId customer) {}

  private final Map<Key, CustomerId> participants = new HashMap<>();

  @Override
  public synchronized CustomerId participant(
      ConnectionId connection, CustomerId id, List<CustomerId> others) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(id, "id");
    List<CustomerId> ids = new ArrayList<>();
    ids.add(id);
    ids.addAll(others);
    CustomerId participant =
        ids.stream()
            .map(each -> participants.get(new Key(connection, each)))
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(id);
    for (CustomerId each : ids) {
      CustomerId earlier = participants.get(new Key(connection, each));
      if (earlier != null && !earlier.equals(participant)) {
        participants.replaceAll(
            (key, linked) ->
                key.connection().equals(connection) && linked.equals(earlier)
                    ? participant
                    : linked);
      }
      participants.put(new Key(connection, each), participant);
    }
    return participant;
  }

  @Override
  public synchronized Set<CustomerId> linkedWith(ConnectionId connection, List<CustomerId> ids) {
    Set<CustomerId> groups = new HashSet<>();
    ids.forEach(id -> groups.add(participants.get(new Key(connection, id))));
    Set<CustomerId> linked = new HashSet<>();
    participants.forEach(
        (key, participant) -> {
          if (key.connection().equals(connection) && groups.contains(participant)) {
            linked.add(key.customer());
            linked.add(participant);
          }
        });
    return linked;
  }

  /** How many ids are linked, over all connections. */
  public synchronized int size() {
    return participants.size();
  }
}
