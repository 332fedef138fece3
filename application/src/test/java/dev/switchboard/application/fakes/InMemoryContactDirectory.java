package dev.switchboard.application.fakes;

import dev.switchboard.application.port.out.ContactDirectory;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.message.Customer;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A {@link ContactDirectory} in memory: the customer as last remembered. */
public final class InMemoryContactDirectory implements ContactDirectory {

  private final Map<CustomerId, Customer> customers = new HashMap<>();

  @Override
  public synchronized void remember(Customer customer) {
    customers.put(customer.id(), Objects.requireNonNull(customer, "customer"));
  }

  @Override
  public synchronized Optional<Customer> find(CustomerId id) {
    return Optional.ofNullable(customers.get(id));
  }

  /** How many customers are known. */
  public synchronized int size() {
    return customers.size();
  }
}
