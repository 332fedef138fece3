package dev.switchboard.application.port.out;

import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.FetchOutcome;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.MediaBytes;
import dev.switchboard.domain.message.OutboundMessage;

/**
 * The messaging channel customers use (WhatsApp). None of its methods throws for the other side's
 * failures: a passing one is a retry, a permanent one a refusal.
 *
 * <p>{@code businessNumberId} is the business number to act for; {@code null} means the configured
 * one.
 */
public interface MessagingChannel {

  /**
   * Sends one message within the channel's limits (see {@code SendParts}); an attachment must have
   * been uploaded. {@link DispatchOutcome.Done} carries the channel's id of what was sent.
   */
  DispatchOutcome send(OutboundMessage message, String businessNumberId);

  /** Uploads an attachment; {@link DispatchOutcome.Done} carries the channel's id for it. */
  DispatchOutcome upload(MediaBytes media, String businessNumberId);

  /** Fetches the bytes of a customer's attachment, at most {@code maxBytes}. */
  FetchOutcome fetchMedia(InboundContent.Media media, long maxBytes);

  /** Marks the customer's message read and shows them that an answer is being typed. */
  DispatchOutcome showTyping(String customerMessageId, String businessNumberId);
}
