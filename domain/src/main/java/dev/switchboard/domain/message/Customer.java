package dev.switchboard.domain.message;

import dev.switchboard.domain.customer.CustomerId;
import java.util.Objects;

/**
 * A customer as a message introduces them.
 *
 * @param id who they are
 * @param displayName their profile name on the channel; {@code null} when not given
 */
public record Customer(CustomerId id, String displayName) {
  public Customer {
    Objects.requireNonNull(id, "id");
    displayName = displayName == null || displayName.isBlank() ? null : displayName;
  }
}
