package dev.switchboard.adapters.persistence.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.WebhookSource;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WebhookBatchesTest {

  private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123456789Z");

  @Test
  void webhooks_come_back_byte_for_byte_with_their_side_and_time_in_order() {
    byte[] binary = new byte[70_000];
    new Random(3).nextBytes(binary);
    List<RawWebhook> webhooks =
        List.of(
            new RawWebhook(WebhookSource.WHATSAPP, "{\"a\":1} ✓".getBytes(), AT),
            new RawWebhook(WebhookSource.GENESYS, new byte[0], AT.plusNanos(1)),
            new RawWebhook(WebhookSource.WHATSAPP, binary, AT.minusSeconds(86_400)));

    List<RawWebhook> decoded = WebhookBatches.decode(WebhookBatches.encode(webhooks));

    assertThat(decoded).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(decoded.get(i).source()).isEqualTo(webhooks.get(i).source());
      assertThat(decoded.get(i).receivedAt()).isEqualTo(webhooks.get(i).receivedAt());
      assertThat(decoded.get(i).body()).isEqualTo(webhooks.get(i).body());
    }
  }

  @Test
  void a_cut_or_foreign_batch_is_refused() {
    byte[] batch =
        WebhookBatches.encode(
            List.of(new RawWebhook(WebhookSource.WHATSAPP, "hello".getBytes(), AT)));

    assertThatThrownBy(() -> WebhookBatches.decode(Arrays.copyOf(batch, batch.length - 1)))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] otherVersion = batch.clone();
    otherVersion[0] = 9;
    assertThatThrownBy(() -> WebhookBatches.decode(otherVersion))
        .hasMessageContaining("unknown version");
    assertThatThrownBy(() -> WebhookBatches.decode(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
