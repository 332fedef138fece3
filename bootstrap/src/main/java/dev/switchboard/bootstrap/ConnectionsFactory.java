package dev.switchboard.bootstrap;

import dev.switchboard.adapters.support.ConnectionSettings;
import dev.switchboard.application.connection.Connection;
import dev.switchboard.application.connection.Connections;
import dev.switchboard.application.port.out.MessagingChannel;
import dev.switchboard.domain.channel.ChannelId;
import dev.switchboard.domain.customer.AllowedCustomers;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The connections the core serves, as configured ({@link ConnectionSettings}), each with the
 * channel adapter of its channel and the customers allowed to write on it.
 */
@Factory
class ConnectionsFactory {

  static final String ALLOWED_CUSTOMERS = "allowed-customers";

  @Singleton
  Connections connections(PropertyResolver properties, List<MessagingChannel> channels) {
    Set<String> served =
        channels.stream().map(c -> c.channel().value()).collect(Collectors.toSet());
    ConnectionSettings settings = ConnectionSettings.read(properties);
    List<Connection> connections = new ArrayList<>();
    for (ConnectionSettings.Connection connection : settings.all()) {
      // start-up has stopped before this over a connection without a channel that is served
      if (connection.channel() != null && served.contains(connection.channel())) {
        connections.add(
            new Connection(
                connection.name(),
                new ChannelId(connection.channel()),
                AllowedCustomers.of(settings.list(connection, ALLOWED_CUSTOMERS))));
      }
    }
    return Connections.of(connections, channels);
  }
}
