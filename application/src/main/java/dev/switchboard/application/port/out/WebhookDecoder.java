package dev.switchboard.application.port.out;

import dev.switchboard.application.pipeline.Decoded;
import dev.switchboard.application.pipeline.WebhookSource;

/**
 * Understands one sender's webhook wire format, leniently: unknown fields and types never fail.
 * Every event it gives names the connection it happened on.
 */
public interface WebhookDecoder {

  /** The name of the sender whose webhooks this decodes ({@link WebhookSource#name()}). */
  String source();

  /**
   * The events in a webhook body; never throws for bad input, it reports problems instead.
   *
   * @param source the webhook's source, with the connection its address named, if any
   */
  Decoded decode(WebhookSource source, byte[] body);
}
