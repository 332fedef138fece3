package dev.switchboard.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.fakes.InMemoryInbox;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.fakes.WakeupProbe;
import dev.switchboard.application.pipeline.InboxEvent;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.in.AcceptWebhookCommand;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AcceptWebhookServiceTest {

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final InMemoryInbox inbox = new InMemoryInbox();
  private final Wakeup processor = new Wakeup();
  private final AcceptWebhookService service = new AcceptWebhookService(inbox, clock, processor);

  private static byte[] bytes(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void appends_the_raw_bytes_with_the_clocks_time() {
    byte[] body = bytes("{\"object\":\"whatsapp_business_account\"}");

    service.accept(new AcceptWebhookCommand(WebhookSource.WHATSAPP, body));

    assertThat(inbox.events()).hasSize(1);
    InboxEvent event = inbox.events().get(0);
    assertThat(event.webhook().source()).isEqualTo(WebhookSource.WHATSAPP);
    assertThat(event.webhook().body()).isEqualTo(body);
    assertThat(event.webhook().receivedAt()).isEqualTo(clock.instant());
    assertThat(event.failedAttempts()).isZero();
  }

  @Test
  void keeps_the_acceptance_order_and_each_ones_time() {
    service.accept(new AcceptWebhookCommand(WebhookSource.GENESYS, bytes("first")));
    clock.advance(Duration.ofMillis(3));
    service.accept(new AcceptWebhookCommand(WebhookSource.WHATSAPP, bytes("second")));

    assertThat(inbox.events())
        .extracting(e -> new String(e.webhook().body(), StandardCharsets.UTF_8))
        .containsExactly("first", "second");
    assertThat(inbox.events().get(1).webhook().receivedAt())
        .isEqualTo(inbox.events().get(0).webhook().receivedAt().plusMillis(3));
  }

  @Test
  void wakes_the_processor() {
    service.accept(new AcceptWebhookCommand(WebhookSource.WHATSAPP, bytes("{}")));

    assertThat(WakeupProbe.wasSignalled(processor)).isTrue();
  }

  @Test
  void a_webhook_that_could_not_be_stored_fails_the_call_and_wakes_no_one() {
    inbox.failNextAppend(new IllegalStateException("disk full"));

    assertThatThrownBy(
            () -> service.accept(new AcceptWebhookCommand(WebhookSource.WHATSAPP, bytes("{}"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("disk full");
    assertThat(inbox.backlog()).isZero();
    assertThat(WakeupProbe.wasSignalled(processor)).isFalse();
  }
}
