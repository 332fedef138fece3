package dev.switchboard.application.port.out;

import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import java.util.List;
import java.util.Set;

/**
 * Which ids name the same customer on a connection (a WhatsApp phone number and the user id beside
 * it, an old number and the new one), so that one customer stays one participant of the contact
 * center: the id it first knew any of them by.
 */
public interface CustomerLinks {

  /**
   * The participant {@code id} and {@code others} name, all of them linked to it from now on; part
   * of the caller's transaction.
   *
   * <p>The participant is the one of the first id already linked, {@code id} before {@code others}
   * in their order; when none is, {@code id} itself. An id linked to another participant before
   * moves to this one, together with every id linked to that other participant.
   *
   * @param id the id the message comes from
   * @param others the other ids the channel names the same customer by; may be empty
   */
  CustomerId participant(ConnectionId connection, CustomerId id, List<CustomerId> others);

  /**
   * Every id linked to the same participant as any of {@code ids}, the participants among them, in
   * no particular order; empty when none of them is linked. Links nothing.
   */
  Set<CustomerId> linkedWith(ConnectionId connection, List<CustomerId> ids);
}
