package dev.switchboard.application.port.out;

import dev.switchboard.application.pipeline.Decoded;
import dev.switchboard.application.pipeline.WebhookSource;

/** Understands one side's webhook wire format, leniently: unknown fields and types never fail. */
public interface WebhookDecoder {

  /** The side whose webhooks this decodes. */
  WebhookSource source();

  /** The events in a webhook body; never throws for bad input, it reports problems instead. */
  Decoded decode(byte[] body);
}
