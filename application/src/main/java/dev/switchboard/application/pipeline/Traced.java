package dev.switchboard.application.pipeline;

import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import java.util.Objects;
import java.util.Optional;

/**
 * A message whose way through the bridge operators can follow: by the id its sender gave it (a
 * customer's message: the channel's message id, such as a wamid or a Telegram message key; an
 * agent's: the contact center's message id), on a connection, in a direction, to or from a
 * customer. The customer is never shown: an observer may only use it to find the message's traces
 * again when the customer is erased.
 *
 * @param id the message's id
 * @param connection the connection it travels on
 * @param direction which way it goes
 * @param customer the customer who wrote it, or whom it is for
 */
public record Traced(String id, ConnectionId connection, Direction direction, CustomerId customer) {

  /** Which way a message goes. */
  public enum Direction {
    /** A customer's message, to the contact center's agent. */
    TO_AGENT,
    /** An agent's message, to the customer. */
    TO_CUSTOMER
  }

  public Traced {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(customer, "customer");
  }

  /** The message an outbox item carries, if it carries one to follow. */
  public static Optional<Traced> of(OutboxItem item) {
    if (item instanceof OutboxItem.ForwardToContactCenter forward) {
      return Optional.of(
          new Traced(
              forward.message().channelMessageId(),
              forward.connection(),
              Direction.TO_AGENT,
              forward.message().sender().id()));
    }
    if (item instanceof OutboxItem.AnswerToContactCenter answer) {
      return Optional.of(
          new Traced(
              answer.choice().channelMessageId(),
              answer.connection(),
              Direction.TO_AGENT,
              answer.choice().customer().id()));
    }
    if (item instanceof OutboxItem.SendToCustomer send) {
      return Optional.of(
          new Traced(
              send.message().contactCenterMessageId(),
              send.connection(),
              Direction.TO_CUSTOMER,
              send.message().recipient()));
    }
    if (item instanceof OutboxItem.ReportToContactCenter report) {
      return Optional.of(
          new Traced(
              report.receipt().contactCenterMessageId(),
              report.connection(),
              Direction.TO_CUSTOMER,
              report.receipt().customer()));
    }
    return Optional.empty();
  }
}
