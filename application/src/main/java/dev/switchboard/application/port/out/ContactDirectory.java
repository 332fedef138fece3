package dev.switchboard.application.port.out;

import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.message.Customer;
import java.util.Optional;

/** What the bridge has learnt of each customer: their profile name on the channel. */
public interface ContactDirectory {

  /** Remembers the customer's profile; part of the caller's transaction. */
  void remember(Customer customer);

  /** The customer as last seen. */
  Optional<Customer> find(CustomerId id);
}
