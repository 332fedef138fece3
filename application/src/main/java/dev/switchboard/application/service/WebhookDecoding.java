package dev.switchboard.application.service;

import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Decoded;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.port.out.DeadLetters;
import dev.switchboard.application.port.out.WebhookDecoder;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a webhook with its side's decoder, never throwing; its events come sorted by their own
 * time (stable: events of the same time keep their document order). What in a webhook could not be
 * used is set aside with {@link #setAsideProblems}.
 */
final class WebhookDecoding {

  private final Map<String, WebhookDecoder> decoders = new HashMap<>();

  WebhookDecoding(List<WebhookDecoder> decoders) {
    for (WebhookDecoder decoder : decoders) {
      if (this.decoders.putIfAbsent(decoder.source(), decoder) != null) {
        throw new IllegalArgumentException("two decoders for " + decoder.source());
      }
    }
  }

  Decoded decode(RawWebhook webhook) {
    WebhookDecoder decoder = decoders.get(webhook.source().name());
    if (decoder == null) {
      return Decoded.unusable("no decoder for " + webhook.source().name());
    }
    Decoded decoded;
    try {
      decoded = decoder.decode(webhook.source(), webhook.body());
    } catch (RuntimeException e) {
      return Decoded.unusable("the decoder failed: " + e);
    }
    return new Decoded(
        decoded.events().stream().sorted(Comparator.comparing(ChannelEvent::occurredAt)).toList(),
        decoded.problems());
  }

  /**
   * Keeps {@code webhook} in the dead letters, with what in it could not be used, when anything
   * could not; part of the caller's transaction.
   */
  static void setAsideProblems(RawWebhook webhook, Decoded decoded, DeadLetters deadLetters) {
    if (!decoded.problems().isEmpty()) {
      deadLetters.addWebhook(webhook, String.join("; ", decoded.problems()));
    }
  }
}
