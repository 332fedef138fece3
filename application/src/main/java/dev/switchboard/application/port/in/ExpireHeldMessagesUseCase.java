package dev.switchboard.application.port.in;

/**
 * Fails the agents' messages held for a customer's reply longer than their connection's hold: the
 * agent hears that they expired.
 */
public interface ExpireHeldMessagesUseCase {

  /** Fails what is due; returns how many messages failed. */
  int expireHeldMessages();
}
