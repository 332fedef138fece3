package dev.switchboard.application.port.in;

import dev.switchboard.domain.channel.ConnectionId;
import java.util.Objects;

/**
 * Erase one customer's data.
 *
 * @param connection the connection the customer wrote on
 * @param id a phone number (with or without {@code +}) or a user id, as the channel names them
 */
public record EraseCustomerCommand(ConnectionId connection, String id) {
  public EraseCustomerCommand {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(id, "id");
    if (id.isBlank() || id.length() > 256) {
      throw new IllegalArgumentException("a customer id is 1 to 256 characters");
    }
  }
}
