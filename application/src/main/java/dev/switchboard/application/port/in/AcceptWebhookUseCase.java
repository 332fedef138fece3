package dev.switchboard.application.port.in;

/** Accepts a verified webhook: it is stored durably before the sender is answered. */
public interface AcceptWebhookUseCase {

  /**
   * Stores the webhook durably; returns only once it would survive a crash.
   *
   * @throws RuntimeException when it could not be stored: the sender must not get a 2xx
   */
  void accept(AcceptWebhookCommand command);
}
