package dev.switchboard.application.port.in;

import dev.switchboard.application.pipeline.WebhookSource;
import java.util.Objects;

/**
 * A webhook whose signature has been verified.
 *
 * @param source who sent it
 * @param body the raw bytes as received
 */
public record AcceptWebhookCommand(WebhookSource source, byte[] body) {
  public AcceptWebhookCommand {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(body, "body");
  }
}
