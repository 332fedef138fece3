package dev.switchboard.application.connection;

import dev.switchboard.domain.channel.ChannelId;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.AllowedCustomers;
import java.util.Objects;

/**
 * One connection as the core sees it: which channel its customers use and who may write on it. How
 * the channel and the contact center reach it (numbers, bots, tokens, integrations) is their
 * adapters' business.
 *
 * @param id its name
 * @param channel the channel its customers use
 * @param allowedCustomers who may write; everyone when the list is empty
 */
public record Connection(ConnectionId id, ChannelId channel, AllowedCustomers allowedCustomers) {
  public Connection {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(allowedCustomers, "allowedCustomers");
  }

  /** A connection everyone may write on. */
  public Connection(ConnectionId id, ChannelId channel) {
    this(id, channel, AllowedCustomers.everyone());
  }
}
