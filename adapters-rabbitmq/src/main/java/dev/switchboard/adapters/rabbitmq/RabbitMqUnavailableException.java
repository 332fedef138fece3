package dev.switchboard.adapters.rabbitmq;

/**
 * RabbitMQ did not take a message: it cannot be reached, refused or did not confirm it in time, or
 * could not route it. Trying again later may work.
 */
public final class RabbitMqUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  RabbitMqUnavailableException(String message) {
    super(message);
  }

  RabbitMqUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
