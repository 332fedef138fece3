package dev.switchboard.application.connection;

import dev.switchboard.application.port.out.MessagingChannel;
import dev.switchboard.domain.channel.ChannelCapabilities;
import dev.switchboard.domain.channel.ChannelId;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.Reengagement;
import dev.switchboard.domain.conversation.SendPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The configured connections, each with the channel that serves it: the core looks a connection up
 * by the name its events and outbox items carry, and asks its channel for capabilities, its send
 * policy, and the calls themselves.
 */
public final class Connections {

  private final Map<ConnectionId, Connected> byId = new LinkedHashMap<>();

  private Connections(List<Connection> connections, List<MessagingChannel> channels) {
    Map<ChannelId, MessagingChannel> byChannel = new LinkedHashMap<>();
    for (MessagingChannel channel : channels) {
      MessagingChannel other = byChannel.putIfAbsent(channel.channel(), channel);
      if (other != null) {
        throw new IllegalArgumentException("two adapters serve the channel " + channel.channel());
      }
    }
    for (Connection connection : connections) {
      MessagingChannel channel = byChannel.get(connection.channel());
      if (channel == null) {
        throw new IllegalArgumentException(
            "connection "
                + connection.id()
                + " uses the channel "
                + connection.channel()
                + ", which no adapter serves (served: "
                + byChannel.keySet()
                + ")");
      }
      Connected connected =
          new Connected(
              connection, channel, SendPolicy.of(connection.channel(), channel.capabilities()));
      if (byId.putIfAbsent(connection.id(), connected) != null) {
        throw new IllegalArgumentException("two connections are named " + connection.id());
      }
    }
  }

  /**
   * The connections, each served by the adapter of its channel.
   *
   * @throws IllegalArgumentException when a connection's channel has no adapter, two connections
   *     share a name, or two adapters serve one channel
   */
  public static Connections of(List<Connection> connections, List<MessagingChannel> channels) {
    return new Connections(List.copyOf(connections), List.copyOf(channels));
  }

  /** The connection with this name, with its channel, if it is configured. */
  public Optional<Connected> find(ConnectionId id) {
    return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
  }

  /** Every connection, in the order they were given. */
  public List<Connection> all() {
    List<Connection> all = new ArrayList<>();
    byId.values().forEach(c -> all.add(c.connection()));
    return all;
  }

  /**
   * A connection and what serves it.
   *
   * @param connection the connection
   * @param channel the adapter of its channel
   * @param policy the channel's rule for what may be sent when
   */
  public record Connected(Connection connection, MessagingChannel channel, SendPolicy policy) {

    public ConnectionId id() {
      return connection.id();
    }

    /** What the channel carries. */
    public ChannelCapabilities capabilities() {
      return channel.capabilities();
    }

    /** How a customer whose service window closed is brought back, if the connection does so. */
    public Optional<Reengagement> reengagement() {
      return channel.reengagement(connection.id());
    }
  }
}
