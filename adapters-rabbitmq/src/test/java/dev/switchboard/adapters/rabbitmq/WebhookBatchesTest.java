package dev.switchboard.adapters.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.domain.channel.ConnectionId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WebhookBatchesTest {

  private static final WebhookSource WHATSAPP = WebhookSource.of("whatsapp");
  private static final WebhookSource GENESYS = WebhookSource.of("genesys", ConnectionId.DEFAULT);

  private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123456789Z");

  @Test
  void webhooks_come_back_byte_for_byte_with_their_side_and_time_in_order() {
    byte[] binary = new byte[70_000];
    new Random(3).nextBytes(binary);
    List<RawWebhook> webhooks =
        List.of(
            new RawWebhook(WHATSAPP, "{\"a\":1} ✓".getBytes(), AT),
            new RawWebhook(GENESYS, new byte[0], AT.plusNanos(1)),
            new RawWebhook(WHATSAPP, binary, AT.minusSeconds(86_400)),
            new RawWebhook(
                WebhookSource.of("telegram", new ConnectionId("support")), new byte[] {7}, AT));

    List<RawWebhook> decoded = WebhookBatches.decode(WebhookBatches.encode(webhooks));

    assertThat(decoded).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertThat(decoded.get(i).source()).isEqualTo(webhooks.get(i).source());
      assertThat(decoded.get(i).receivedAt()).isEqualTo(webhooks.get(i).receivedAt());
      assertThat(decoded.get(i).body()).isEqualTo(webhooks.get(i).body());
    }
  }

  @Test
  void a_batch_the_previous_release_wrote_reads_its_sides_as_the_default_connections() {
    // the previous release wrote the side's enum name, here patched over a name of its length
    byte[] batch =
        WebhookBatches.encode(
            List.of(
                new RawWebhook(WebhookSource.of("abcdefg"), "g".getBytes(), AT),
                new RawWebhook(WebhookSource.of("abcdefgh"), "w".getBytes(), AT)));
    String text = new String(batch, StandardCharsets.ISO_8859_1);
    byte[] legacy =
        text.replace("abcdefgh", "WHATSAPP")
            .replace("abcdefg", "GENESYS")
            .getBytes(StandardCharsets.ISO_8859_1);

    assertThat(WebhookBatches.decode(legacy))
        .extracting(RawWebhook::source)
        .containsExactly(GENESYS, WHATSAPP);
  }

  @Test
  void a_cut_or_foreign_batch_is_refused() {
    byte[] batch = WebhookBatches.encode(List.of(new RawWebhook(WHATSAPP, "hello".getBytes(), AT)));

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
