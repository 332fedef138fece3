package dev.switchboard.application.port.in;

import dev.switchboard.application.pipeline.RawWebhook;
import java.util.Objects;

/** An accepted webhook to decode and route to its customers' shards. */
public record RouteWebhookCommand(RawWebhook webhook) {
  public RouteWebhookCommand {
    Objects.requireNonNull(webhook, "webhook");
  }
}
