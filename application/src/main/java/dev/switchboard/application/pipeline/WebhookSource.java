package dev.switchboard.application.pipeline;

/** Who sent a webhook to the bridge. */
public enum WebhookSource {
  /** Meta's WhatsApp Business Cloud API. */
  WHATSAPP,
  /** Genesys Cloud Open Messaging. */
  GENESYS
}
