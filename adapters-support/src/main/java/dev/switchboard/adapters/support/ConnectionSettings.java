package dev.switchboard.adapters.support;

import dev.switchboard.domain.channel.ConnectionId;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.core.value.PropertyResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The connections as the operator configured them: each {@code switchboard.connections.<name>.*},
 * and the {@code default} connection that the top-level {@code switchboard.whatsapp.*} and {@code
 * switchboard.genesys.*} settings describe when they name a number or an integration. Each adapter
 * reads its own keys of each connection here ({@code whatsapp.phone-number-id}, {@code
 * genesys.integration-id}, ...), a connection's own value first and, for the keys that may be
 * shared, the top-level one after it.
 *
 * <p>What cannot be a connection is a problem, described in one line that names the property: a
 * name that is not 1 to 32 lower case letters and digits, a connection without a channel, a {@code
 * default} connection described both at the top level and under {@code switchboard.connections},
 * and no connection at all.
 */
public final class ConnectionSettings {

  /** Where connections are configured. */
  public static final String PREFIX = "switchboard.connections";

  /** The channel of the connection that the top-level settings describe. */
  public static final String TOP_LEVEL_CHANNEL = "whatsapp";

  /** The top-level settings any of which make them describe the {@code default} connection. */
  static final List<String> TOP_LEVEL_MARKERS =
      List.of(
          "switchboard.whatsapp.phone-number-id",
          "switchboard.genesys.integration-id",
          "switchboard.genesys.webhook-secret");

  private static final String TOP = "switchboard.";

  /**
   * One configured connection.
   *
   * @param name its name
   * @param channel the channel it names; {@code null} when it names none (a problem)
   * @param topLevel whether the top-level settings describe it (it is then {@code default})
   */
  public record Connection(ConnectionId name, String channel, boolean topLevel) {
    public Connection {
      Objects.requireNonNull(name, "name");
    }
  }

  private final PropertyResolver properties;
  private final List<Connection> connections = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  private ConnectionSettings(PropertyResolver properties) {
    this.properties = properties;
    boolean topLevel = TOP_LEVEL_MARKERS.stream().anyMatch(this::isSet);
    if (topLevel) {
      connections.add(new Connection(ConnectionId.DEFAULT, TOP_LEVEL_CHANNEL, true));
    }
    for (String name : new TreeSet<>(properties.getPropertyEntries(PREFIX))) {
      if (!ConnectionId.isValid(name)) {
        problems.add(
            PREFIX + "." + name + ": a connection's name is 1 to 32 lower case letters and digits");
        continue;
      }
      ConnectionId id = new ConnectionId(name);
      if (topLevel && id.equals(ConnectionId.DEFAULT)) {
        problems.add(
            PREFIX
                + ".default is described twice: by "
                + PREFIX
                + ".default.* and by the top-level switchboard.whatsapp.* and"
                + " switchboard.genesys.* settings; keep one");
        continue;
      }
      String channel = text(PREFIX + "." + name + ".channel").orElse(null);
      if (channel == null) {
        problems.add(PREFIX + "." + name + ".channel is required: whatsapp or telegram");
      }
      connections.add(new Connection(id, channel, false));
    }
    if (connections.isEmpty() && problems.isEmpty()) {
      problems.add(
          "no connection is configured: set "
              + PREFIX
              + ".<name>.* (for instance in a file named by MICRONAUT_CONFIG_FILES), or the"
              + " default connection's "
              + String.join(", ", TOP_LEVEL_MARKERS)
              + " and the settings that go with them");
    }
  }

  /** The connections that {@code properties} configure. */
  public static ConnectionSettings read(PropertyResolver properties) {
    return new ConnectionSettings(Objects.requireNonNull(properties, "properties"));
  }

  /** Every connection with a valid name, the top-level one first, then by name. */
  public List<Connection> all() {
    return List.copyOf(connections);
  }

  /** The connections of one channel. */
  public List<Connection> ofChannel(String channel) {
    return connections.stream().filter(c -> channel.equals(c.channel())).toList();
  }

  /** What cannot be a connection, one line each naming the property. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /**
   * The full name of a key of a connection: {@code switchboard.connections.sales.whatsapp.phone-
   * number-id}, or {@code switchboard.whatsapp.phone-number-id} for the top-level connection.
   */
  public String property(Connection connection, String key) {
    return connection.topLevel() ? TOP + key : PREFIX + "." + connection.name().value() + "." + key;
  }

  /** The connection's own value of {@code key}, if set and not blank. */
  public Optional<String> value(Connection connection, String key) {
    return text(property(connection, key));
  }

  /**
   * The connection's own value of {@code key}, else the top-level {@code switchboard.<key>} that
   * every connection shares unless it sets its own.
   */
  public Optional<String> valueOrShared(Connection connection, String key) {
    return value(connection, key).or(() -> text(TOP + key));
  }

  /**
   * {@link #valueOrShared} read as a duration the way Micronaut reads its own ({@code 7d}, {@code
   * 36h}, {@code 90m}, {@code PT12H}).
   *
   * @throws IllegalArgumentException when it is set but is not a duration, naming the property
   */
  public Optional<Duration> durationOrShared(Connection connection, String key) {
    Optional<String> own = value(connection, key);
    String property = own.isPresent() ? property(connection, key) : TOP + key;
    Optional<String> text = own.or(() -> text(TOP + key));
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> duration = ConversionService.SHARED.convert(text.get(), Duration.class);
    if (duration.isEmpty()) {
      throw new IllegalArgumentException(
          property + " is not a duration (such as 7d, 36h or 90m): " + text.get());
    }
    return duration;
  }

  /** The property that a connection's {@code key} falls back to. */
  public static String shared(String key) {
    return TOP + key;
  }

  /** The connection's own list under {@code key} (a YAML list or a comma list); empty if unset. */
  public List<String> list(Connection connection, String key) {
    String property = property(connection, key);
    if (!properties.containsProperty(property)) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (Object value : properties.getProperty(property, List.class).orElse(List.of())) {
      if (value != null && !value.toString().isBlank()) {
        values.add(value.toString().strip());
      }
    }
    return List.copyOf(values);
  }

  /** A top-level value of the adapters' own, such as {@code switchboard.telegram.api-url}. */
  public Optional<String> topLevel(String property) {
    return text(property);
  }

  private boolean isSet(String property) {
    return text(property).isPresent();
  }

  private Optional<String> text(String property) {
    return properties
        .getProperty(property, String.class)
        .map(String::strip)
        .filter(value -> !value.isEmpty());
  }
}
