package dev.switchboard.application.port.in;

import dev.switchboard.application.pipeline.RawWebhook;
import java.util.List;
import java.util.Objects;

/** Accepted webhooks, in acceptance order, to decode and route to their customers' shards. */
public record RouteWebhookCommand(List<RawWebhook> webhooks) {
  public RouteWebhookCommand {
    webhooks = List.copyOf(webhooks);
  }

  /** One webhook. */
  public RouteWebhookCommand(RawWebhook webhook) {
    this(List.of(Objects.requireNonNull(webhook, "webhook")));
  }
}
