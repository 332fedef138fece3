package dev.switchboard.application.port.out;

import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.domain.message.OutboundMessage;

/** The messaging channel customers use (WhatsApp): sends messages to them. */
public interface MessagingChannel {

  /**
   * Sends a message. Never throws for the other side's failures: a passing one is {@link
   * DispatchOutcome.RetryLater}, a permanent one {@link DispatchOutcome.Refused}; {@link
   * DispatchOutcome.Done} carries the channel's ids of what was sent.
   *
   * @param businessNumberId the business number to send from; {@code null} for the configured one
   */
  DispatchOutcome send(OutboundMessage message, String businessNumberId);
}
