package dev.switchboard.application.fakes;

import dev.switchboard.application.port.out.ContactDirectory;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.message.Customer;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A {@link ContactDirectory} in memory: each customer as last remembered on each connection. */
public final class InMemoryContactDirectory implements ContactDirectory {

  private record Key(ConnectionId connection, CustomerId customer) {}

  private final Map<Key, Customer> customers = new HashMap<>();

  @Override
  public synchronized void remember(ConnectionId connection, Customer customer) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(customer, "customer");
    customers.put(new Key(connection, customer.id()), customer);
  }

  @Override
  public synchronized Optional<Customer> find(ConnectionId connection, CustomerId id) {
    return Optional.ofNullable(customers.get(new Key(connection, id)));
  }

  /** How many customers are known, over all connections (one known on two counts twice). */
  public synchronized int size() {
    return customers.size();
  }
}
