package dev.switchboard.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A webhook answered 429 (the backlog is over its bound) is counted as {@code throttled}: an
 * accept-only instance (no pipeline drains its inbox) with room for one webhook.
 */
class ThrottledWebhooksMeterTest extends RunningBridge {

  @Override
  Map<String, Object> extraProperties() {
    return Map.of("switchboard.backlog.max", "1", "switchboard.pipeline.enabled", "false");
  }

  @Test
  void webhooks_over_the_backlog_bound_are_answered_429_and_counted_throttled() throws Exception {
    String url = server.getURL().toString();
    long now = Instant.now().getEpochSecond();
    int accepted = 0;
    int throttled = 0;
    // the bound is checked against a reading of the backlog refreshed every second or so
    for (int i = 0; i < 100 && throttled < 2; i++) {
      HttpResponse<String> answer =
          Stubs.postWhatsApp(
              url, Stubs.textWebhook(CUSTOMER, "wamid." + UUID.randomUUID(), now, "m" + i));
      assertThat(answer.statusCode()).isIn(200, 429);
      if (answer.statusCode() == 200) {
        accepted++;
      } else {
        throttled++;
      }
      Thread.sleep(100);
    }

    assertThat(throttled).as("the backlog went over its bound").isEqualTo(2);
    String scrape = Stubs.get(url + "/prometheus").body();
    assertThat(scrape)
        .contains(
            "switchboard_webhooks_total{outcome=\"accepted\",source=\"whatsapp\"} "
                + accepted
                + ".0")
        .contains("switchboard_webhooks_total{outcome=\"throttled\",source=\"whatsapp\"} 2.0");
  }
}
