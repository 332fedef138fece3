package dev.switchboard.domain.message;

import dev.switchboard.domain.customer.CustomerId;
import java.util.Objects;

/**
 * A customer as a message introduces them.
 *
 * @param id who they are
 * @param displayName their profile name on the channel; {@code null} when not given
 * @param handle the public handle the channel shows for them, such as a Telegram {@code @username};
 *     {@code null} when none
 */
public record Customer(CustomerId id, String displayName, String handle) {
  public Customer {
    Objects.requireNonNull(id, "id");
    displayName = displayName == null || displayName.isBlank() ? null : displayName;
    handle = handle == null || handle.isBlank() ? null : handle.strip();
  }

  /** A customer without a handle. */
  public Customer(CustomerId id, String displayName) {
    this(id, displayName, null);
  }
}
