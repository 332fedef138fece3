package dev.switchboard.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.switchboard.application.fakes.InMemoryInbox;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.fakes.WakeupProbe;
import dev.switchboard.application.pipeline.InboxEvent;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.port.in.AcceptWebhookCommand;
import dev.switchboard.application.port.in.AcceptWebhookUseCase.Acceptance;
import dev.switchboard.application.port.in.AcceptWebhookUseCase.Accepted;
import dev.switchboard.application.port.in.AcceptWebhookUseCase.Throttled;
import dev.switchboard.application.port.out.Inbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AcceptWebhookServiceTest {

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final InMemoryInbox inbox = new InMemoryInbox();
  private final Wakeup processor = new Wakeup();
  private final AcceptWebhookService service = new AcceptWebhookService(inbox, clock, processor);

  private static byte[] bytes(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  /** Accepts and waits for the outcome. */
  private static Acceptance acceptNow(AcceptWebhookService service, AcceptWebhookCommand command) {
    return service.accept(command).toCompletableFuture().join();
  }

  @Test
  void appends_the_raw_bytes_with_the_clocks_time() {
    byte[] body = bytes("{\"object\":\"whatsapp_business_account\"}");

    Acceptance acceptance = acceptNow(service, new AcceptWebhookCommand(TestData.WHATSAPP, body));

    assertThat(inbox.events()).hasSize(1);
    InboxEvent event = inbox.events().get(0);
    assertThat(event.webhook().source()).isEqualTo(TestData.WHATSAPP);
    assertThat(event.webhook().body()).isEqualTo(body);
    assertThat(event.webhook().receivedAt()).isEqualTo(clock.instant());
    assertThat(event.failedAttempts()).isZero();
    assertThat(acceptance).isInstanceOf(Accepted.class);
  }

  @Test
  void keeps_the_acceptance_order_and_each_ones_time() {
    acceptNow(service, new AcceptWebhookCommand(TestData.GENESYS, bytes("first")));
    clock.advance(Duration.ofMillis(3));
    acceptNow(service, new AcceptWebhookCommand(TestData.WHATSAPP, bytes("second")));

    assertThat(inbox.events())
        .extracting(e -> new String(e.webhook().body(), StandardCharsets.UTF_8))
        .containsExactly("first", "second");
    assertThat(inbox.events().get(1).webhook().receivedAt())
        .isEqualTo(inbox.events().get(0).webhook().receivedAt().plusMillis(3));
  }

  @Test
  void wakes_the_processor() {
    acceptNow(service, new AcceptWebhookCommand(TestData.WHATSAPP, bytes("{}")));

    assertThat(WakeupProbe.wasSignalled(processor)).isTrue();
  }

  @Test
  void a_webhook_that_could_not_be_stored_fails_the_stage_and_wakes_no_one() {
    inbox.failNextAppend(new IllegalStateException("disk full"));

    CompletableFuture<Acceptance> acceptance =
        service
            .accept(new AcceptWebhookCommand(TestData.WHATSAPP, bytes("{}")))
            .toCompletableFuture();

    assertThatThrownBy(acceptance::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("disk full");
    assertThat(inbox.backlog()).isZero();
    assertThat(WakeupProbe.wasSignalled(processor)).isFalse();
  }

  @Test
  void an_inbox_that_throws_instead_of_failing_its_stage_still_fails_only_the_stage() {
    Inbox throwing = mock(Inbox.class);
    when(throwing.append(any())).thenThrow(new IllegalStateException("pool closed"));
    AcceptWebhookService onThrowing = new AcceptWebhookService(throwing, clock, processor);

    CompletableFuture<Acceptance> acceptance =
        onThrowing
            .accept(new AcceptWebhookCommand(TestData.WHATSAPP, bytes("{}")))
            .toCompletableFuture();

    assertThat(acceptance).isCompletedExceptionally();
    assertThatThrownBy(acceptance::join).cause().hasMessage("pool closed");
  }

  @Test
  void is_accepted_and_wakes_the_processor_only_once_the_inbox_has_stored_the_webhook() {
    CompletableFuture<Void> stored = new CompletableFuture<>();
    Inbox slow = mock(Inbox.class);
    when(slow.append(any())).thenReturn(stored);
    AcceptWebhookService onSlow = new AcceptWebhookService(slow, clock, processor);

    CompletableFuture<Acceptance> acceptance =
        onSlow
            .accept(new AcceptWebhookCommand(TestData.WHATSAPP, bytes("{}")))
            .toCompletableFuture();

    assertThat(acceptance).isNotDone();
    assertThat(WakeupProbe.wasSignalled(processor)).isFalse();

    stored.complete(null);

    assertThat(acceptance.join()).isInstanceOf(Accepted.class);
    assertThat(WakeupProbe.wasSignalled(processor)).isTrue();
  }

  @Test
  void without_a_backlog_bound_the_backlog_is_never_read() {
    for (int i = 0; i < 3; i++) {
      acceptNow(service, new AcceptWebhookCommand(TestData.WHATSAPP, bytes("{}")));
      clock.advance(Duration.ofMinutes(1));
    }

    assertThat(inbox.backlogReads()).isZero();
    assertThat(inbox.backlog()).isEqualTo(3);
  }

  @Nested
  class Backpressure {

    private static final long MAX = 3;
    private static final Duration REFRESH = Duration.ofSeconds(2);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(7);

    private final AcceptWebhookService bounded =
        new AcceptWebhookService(inbox, clock, processor, MAX, REFRESH, RETRY_AFTER, Runnable::run);

    private void fillInbox(long events) {
      for (long i = 0; i < events; i++) {
        inbox.append(new RawWebhook(TestData.GENESYS, bytes("queued"), clock.instant()));
      }
    }

    private Acceptance accept() {
      return acceptNow(bounded, new AcceptWebhookCommand(TestData.WHATSAPP, bytes("new")));
    }

    @Test
    void over_the_bound_it_is_throttled_with_the_configured_wait_and_nothing_is_stored() {
      fillInbox(MAX + 1);

      assertThat(accept()).isEqualTo(new Throttled(RETRY_AFTER));

      assertThat(inbox.backlog()).isEqualTo(MAX + 1);
      assertThat(inbox.events())
          .noneSatisfy(e -> assertThat(e.webhook().body()).isEqualTo(bytes("new")));
      assertThat(WakeupProbe.wasSignalled(processor)).isFalse();
    }

    @Test
    void at_the_bound_it_is_still_accepted() {
      fillInbox(MAX);

      assertThat(accept()).isInstanceOf(Accepted.class);

      assertThat(inbox.backlog()).isEqualTo(MAX + 1);
      assertThat(WakeupProbe.wasSignalled(processor)).isTrue();
    }

    @Test
    void under_the_bound_it_is_accepted_and_stored() {
      fillInbox(1);

      assertThat(accept()).isInstanceOf(Accepted.class);

      assertThat(inbox.events()).hasSize(2);
      assertThat(inbox.events().get(1).webhook().body()).isEqualTo(bytes("new"));
    }

    @Test
    void the_backlog_is_read_at_most_once_per_refresh_interval() {
      for (int i = 0; i < 5; i++) {
        accept();
      }
      assertThat(inbox.backlogReads()).isEqualTo(1);

      clock.advance(REFRESH);
      accept();
      assertThat(inbox.backlogReads()).isEqualTo(1);

      clock.advance(Duration.ofMillis(1));
      accept();
      accept();
      assertThat(inbox.backlogReads()).isEqualTo(2);
    }

    @Test
    void throttled_calls_read_the_backlog_no_more_often_than_accepted_ones() {
      fillInbox(MAX + 1);

      for (int i = 0; i < 10; i++) {
        assertThat(accept()).isInstanceOf(Throttled.class);
      }

      assertThat(inbox.backlogReads()).isEqualTo(1);
    }

    @Test
    void it_recovers_by_itself_once_the_backlog_has_drained_and_the_reading_is_refreshed() {
      fillInbox(MAX + 1);
      assertThat(accept()).isInstanceOf(Throttled.class);

      inbox.events().forEach(e -> inbox.remove(e.id()));
      assertThat(accept()).isInstanceOf(Throttled.class); // the reading is still fresh

      clock.advance(REFRESH.plusMillis(1));
      assertThat(accept()).isInstanceOf(Accepted.class);
      assertThat(inbox.events())
          .singleElement()
          .satisfies(e -> assertThat(e.webhook().body()).isEqualTo(bytes("new")));
    }

    @Test
    void a_clock_that_went_back_reads_the_backlog_again() {
      accept();
      clock.advance(Duration.ofMillis(-1));

      accept();

      assertThat(inbox.backlogReads()).isEqualTo(2);
    }

    @Test
    void the_backlog_is_read_on_its_own_executor_and_callers_go_on_with_the_last_reading() {
      Deque<Runnable> readings = new ArrayDeque<>();
      AcceptWebhookService deferred =
          new AcceptWebhookService(
              inbox, clock, processor, MAX, REFRESH, RETRY_AFTER, readings::add);
      fillInbox(MAX + 1);

      Acceptance beforeTheReading =
          acceptNow(deferred, new AcceptWebhookCommand(TestData.WHATSAPP, bytes("a")));
      acceptNow(deferred, new AcceptWebhookCommand(TestData.WHATSAPP, bytes("b")));

      assertThat(beforeTheReading).isInstanceOf(Accepted.class); // nothing read yet: 0
      assertThat(inbox.backlogReads()).isZero();
      assertThat(readings).hasSize(1); // one reading at a time
      readings.poll().run();
      assertThat(acceptNow(deferred, new AcceptWebhookCommand(TestData.WHATSAPP, bytes("c"))))
          .isInstanceOf(Throttled.class);
    }

    @Test
    void a_backlog_that_cannot_be_read_keeps_the_last_reading_and_is_tried_again_later() {
      Inbox broken = mock(Inbox.class);
      when(broken.append(any())).thenReturn(CompletableFuture.completedFuture(null));
      when(broken.backlog())
          .thenReturn(MAX + 1)
          .thenThrow(new IllegalStateException("store down"))
          .thenReturn(0L);
      AcceptWebhookService onBroken =
          new AcceptWebhookService(
              broken, clock, processor, MAX, REFRESH, RETRY_AFTER, Runnable::run);
      AcceptWebhookCommand command = new AcceptWebhookCommand(TestData.WHATSAPP, bytes("x"));

      assertThat(acceptNow(onBroken, command)).isInstanceOf(Throttled.class);
      clock.advance(REFRESH.plusMillis(1));
      assertThat(acceptNow(onBroken, command)).isInstanceOf(Throttled.class);
      assertThat(acceptNow(onBroken, command)).isInstanceOf(Throttled.class);
      verify(broken, times(2)).backlog();

      clock.advance(REFRESH.plusMillis(1));
      assertThat(acceptNow(onBroken, command)).isInstanceOf(Accepted.class);
    }

    @Test
    void a_reader_that_refuses_the_reading_does_not_stop_later_readings() {
      boolean[] refuse = {true};
      AcceptWebhookService refusing =
          new AcceptWebhookService(
              inbox,
              clock,
              processor,
              MAX,
              REFRESH,
              RETRY_AFTER,
              task -> {
                if (refuse[0]) {
                  throw new RejectedExecutionException("shutting down");
                }
                task.run();
              });
      fillInbox(MAX + 1);

      assertThat(acceptNow(refusing, new AcceptWebhookCommand(TestData.WHATSAPP, bytes("a"))))
          .isInstanceOf(Accepted.class);
      refuse[0] = false;
      assertThat(acceptNow(refusing, new AcceptWebhookCommand(TestData.WHATSAPP, bytes("b"))))
          .isInstanceOf(Throttled.class);
    }

    @Test
    void a_bound_under_one_is_refused() {
      assertThatThrownBy(
              () ->
                  new AcceptWebhookService(
                      inbox, clock, processor, 0, REFRESH, RETRY_AFTER, Runnable::run))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
