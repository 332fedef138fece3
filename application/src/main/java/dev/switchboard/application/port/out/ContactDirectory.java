package dev.switchboard.application.port.out;

import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.message.Customer;
import java.util.Optional;

/** What the bridge has learnt of each customer on each connection: their profile name. */
public interface ContactDirectory {

  /** Remembers the customer's profile; part of the caller's transaction. */
  void remember(ConnectionId connection, Customer customer);

  /** The customer as last seen on the connection. */
  Optional<Customer> find(ConnectionId connection, CustomerId id);
}
