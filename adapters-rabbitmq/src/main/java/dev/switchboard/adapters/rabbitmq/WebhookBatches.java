package dev.switchboard.adapters.rabbitmq;

import dev.switchboard.adapters.persistence.StoredSources;
import dev.switchboard.application.pipeline.RawWebhook;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a message of {@link Messages#WEBHOOKS_TYPE}: several accepted webhooks, in acceptance
 * order, each as received with the side it came from and when it was accepted. Binary, so that no
 * webhook's bytes are touched: a version byte ({@value #VERSION}), then per webhook {@code
 * source-length:u8 source:ascii seconds:i64 nanos:i32 body-length:i32 body}.
 */
final class WebhookBatches {

  static final byte VERSION = 1;

  private WebhookBatches() {}

  static byte[] encode(List<RawWebhook> webhooks) {
    int size = 1;
    List<byte[]> sources = new ArrayList<>(webhooks.size());
    for (RawWebhook webhook : webhooks) {
      byte[] source = StoredSources.write(webhook.source()).getBytes(StandardCharsets.US_ASCII);
      sources.add(source);
      size += 1 + source.length + 8 + 4 + 4 + webhook.body().length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(VERSION);
    for (int i = 0; i < webhooks.size(); i++) {
      RawWebhook webhook = webhooks.get(i);
      out.put((byte) sources.get(i).length);
      out.put(sources.get(i));
      out.putLong(webhook.receivedAt().getEpochSecond());
      out.putInt(webhook.receivedAt().getNano());
      out.putInt(webhook.body().length);
      out.put(webhook.body());
    }
    return out.array();
  }

  /**
   * The webhooks of a batch, in order.
   *
   * @throws IllegalArgumentException when the bytes are not such a batch
   */
  static List<RawWebhook> decode(byte[] batch) {
    ByteBuffer in = ByteBuffer.wrap(batch);
    try {
      byte version = in.get();
      if (version != VERSION) {
        throw new IllegalArgumentException("a batch of webhooks of unknown version " + version);
      }
      List<RawWebhook> webhooks = new ArrayList<>();
      while (in.hasRemaining()) {
        byte[] source = new byte[Byte.toUnsignedInt(in.get())];
        in.get(source);
        Instant at = Instant.ofEpochSecond(in.getLong(), in.getInt());
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
          throw new IllegalArgumentException("a batch of webhooks cut short");
        }
        byte[] body = new byte[length];
        in.get(body);
        webhooks.add(
            new RawWebhook(
                StoredSources.read(new String(source, StandardCharsets.US_ASCII)), body, at));
      }
      return webhooks;
    } catch (BufferUnderflowException | java.time.DateTimeException e) {
      throw new IllegalArgumentException("a batch of webhooks cut short or damaged", e);
    }
  }
}
