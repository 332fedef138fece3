package dev.switchboard.application.port.in;

/**
 * Decodes an accepted webhook and routes its events, in order, to their customers' shards; what
 * cannot be understood goes to the dead letters.
 */
public interface RouteWebhookUseCase {

  /**
   * Routes the webhook; returns once its events are durably queued.
   *
   * @throws RuntimeException when they could not be queued: the webhook must be retried
   */
  void route(RouteWebhookCommand command);
}
