package dev.switchboard.application.pipeline;

import java.time.Instant;
import java.util.Objects;

/**
 * A webhook exactly as it arrived: the raw bytes whose signature was verified.
 *
 * @param source who sent it
 * @param body the raw request body
 * @param receivedAt when the bridge accepted it
 */
public record RawWebhook(WebhookSource source, byte[] body, Instant receivedAt) {
  public RawWebhook {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
