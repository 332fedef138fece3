package dev.switchboard.application.service;

import static dev.switchboard.application.service.TestData.ALICE;
import static dev.switchboard.application.service.TestData.DEFAULT;
import static dev.switchboard.application.service.TestData.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.fakes.InMemoryDeadLetters;
import dev.switchboard.application.fakes.InMemoryDeliveries;
import dev.switchboard.application.fakes.InMemoryMediaStore;
import dev.switchboard.application.fakes.InMemoryProcessedMessages;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.port.in.PurgeExpiredDataCommand;
import dev.switchboard.application.port.out.ProcessedMessages;
import dev.switchboard.domain.delivery.Delivery;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.message.MediaBytes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PurgeExpiredDataServiceTest {

  private static final Duration MEDIA_RETENTION = Duration.ofDays(30);
  private static final Duration DEDUPE_RETENTION = Duration.ofDays(10);

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final InMemoryMediaStore store = new InMemoryMediaStore(clock);

  private String storeNow(String key) {
    return store.put(key, new MediaBytes(new byte[] {1, 2}, "image/png", null));
  }

  private static int purge(PurgeExpiredDataService service) {
    return service.purge(new PurgeExpiredDataCommand());
  }

  @Nested
  class Media {

    private final PurgeExpiredDataService service =
        new PurgeExpiredDataService(store, MEDIA_RETENTION, clock);

    @Test
    void media_stored_longer_ago_than_the_retention_is_deleted_and_newer_media_kept() {
      String old = storeNow("wamid.old");
      clock.advance(Duration.ofDays(10));
      String newer = storeNow("wamid.newer");
      clock.advance(MEDIA_RETENTION.minusDays(10).plusSeconds(1));

      int deleted = purge(service);

      assertThat(deleted).isEqualTo(1);
      assertThat(store.get(old)).isEmpty();
      assertThat(store.get(newer)).isPresent();
    }

    @Test
    void media_stored_exactly_the_retention_ago_is_still_kept() {
      String id = storeNow("wamid.1");
      clock.advance(MEDIA_RETENTION);

      assertThat(purge(service)).isZero();
      assertThat(store.get(id)).isPresent();
    }

    @Test
    void nothing_stored_deletes_nothing() {
      assertThat(purge(service)).isZero();
    }
  }

  @Nested
  class DedupeRetention {

    private final InMemoryProcessedMessages processed = new InMemoryProcessedMessages(clock);
    private final InMemoryDeliveries deliveries = new InMemoryDeliveries(clock);
    private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters(clock);

    private PurgeExpiredDataService service(ProcessedMessages processed, Duration retention) {
      return new PurgeExpiredDataService(
          store, MEDIA_RETENTION, processed, deliveries, deadLetters, retention, clock);
    }

    private final PurgeExpiredDataService service = service(processed, DEDUPE_RETENTION);

    private void recordEverythingNow(String suffix) {
      processed.firstTime("whatsapp:wamid." + suffix);
      deliveries.save(
          DEFAULT,
          Delivery.accepted("gen-" + suffix, "wamid.sent." + suffix, ALICE, List.of(), true));
      deliveries.hold(
          DEFAULT,
          status(ALICE, "wamid.unknown." + suffix, DeliveryStatus.DELIVERED, clock.instant()));
      deadLetters.addWebhook(
          new RawWebhook(TestData.WHATSAPP, new byte[] {'{'}, clock.instant()), "not JSON");
    }

    @Test
    void ids_deliveries_held_reports_and_dead_letters_older_than_the_retention_are_deleted() {
      recordEverythingNow("old");
      storeNow("wamid.media");
      clock.advance(Duration.ofDays(5));
      recordEverythingNow("new");
      clock.advance(DEDUPE_RETENTION.minusDays(5).plusSeconds(1));

      int deleted = purge(service);

      assertThat(deleted).isEqualTo(4);
      assertThat(processed.keys()).containsExactly("whatsapp:wamid.new");
      assertThat(deliveries.all())
          .extracting(Delivery::channelMessageId)
          .containsExactly("wamid.sent.new");
      assertThat(deliveries.held(DEFAULT, "wamid.unknown.old")).isEmpty();
      assertThat(deliveries.held(DEFAULT, "wamid.unknown.new")).hasSize(1);
      assertThat(deadLetters.kept()).hasSize(1);
      assertThat(store.get("media-wamid.media")).isPresent(); // media has its own retention
    }

    @Test
    void what_was_recorded_exactly_the_retention_ago_is_kept() {
      recordEverythingNow("1");
      clock.advance(DEDUPE_RETENTION);

      assertThat(purge(service)).isZero();
      assertThat(processed.keys()).hasSize(1);
      assertThat(deliveries.all()).hasSize(1);
      assertThat(deadLetters.kept()).hasSize(1);
    }

    @Test
    void the_total_counts_media_too() {
      recordEverythingNow("old");
      storeNow("wamid.media");
      clock.advance(MEDIA_RETENTION.plusSeconds(1));

      assertThat(purge(service)).isEqualTo(5);
    }

    @Test
    void a_redelivery_after_the_purge_counts_as_new_and_one_within_the_retention_does_not() {
      processed.firstTime("genesys:gen-1");
      clock.advance(DEDUPE_RETENTION);
      purge(service);
      assertThat(processed.firstTime("genesys:gen-1")).isFalse();

      clock.advance(Duration.ofSeconds(1));
      purge(service);
      assertThat(processed.firstTime("genesys:gen-1")).isTrue();
    }

    @Test
    void ids_are_deleted_in_batches_of_a_thousand_until_a_batch_comes_back_short() {
      List<Integer> batches = new ArrayList<>();
      List<Integer> deletedPerBatch = new ArrayList<>();
      ProcessedMessages counting =
          new ProcessedMessages() {
            @Override
            public boolean firstTime(String messageKey) {
              return processed.firstTime(messageKey);
            }

            @Override
            public int deleteRecordedBefore(Instant cutoff, int batch) {
              batches.add(batch);
              int deleted = processed.deleteRecordedBefore(cutoff, batch);
              deletedPerBatch.add(deleted);
              return deleted;
            }
          };
      IntStream.range(0, 2_500).forEach(i -> counting.firstTime("whatsapp:wamid." + i));
      clock.advance(DEDUPE_RETENTION.plusSeconds(1));

      assertThat(purge(service(counting, DEDUPE_RETENTION))).isEqualTo(2_500);

      assertThat(batches).containsOnly(PurgeExpiredDataService.BATCH).hasSize(3);
      assertThat(deletedPerBatch).containsExactly(1_000, 1_000, 500);
      assertThat(processed.keys()).isEmpty();
    }

    @Test
    void a_full_last_batch_is_followed_by_one_that_finds_nothing() {
      IntStream.range(0, 2_000).forEach(i -> processed.firstTime("whatsapp:wamid." + i));
      IntStream.range(0, 1_000)
          .forEach(
              i ->
                  deadLetters.addWebhook(
                      new RawWebhook(TestData.GENESYS, new byte[0], clock.instant()), "x"));
      clock.advance(DEDUPE_RETENTION.plusSeconds(1));

      assertThat(purge(service)).isEqualTo(3_000);
      assertThat(processed.keys()).isEmpty();
      assertThat(deadLetters.kept()).isEmpty();
    }

    @Test
    void a_retention_under_seven_days_is_refused_naming_the_setting() {
      assertThatThrownBy(() -> service(processed, Duration.ofDays(7).minusSeconds(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("switchboard.dedupe.retention");
    }

    @Test
    void a_retention_of_seven_days_is_allowed() {
      PurgeExpiredDataService weekly = service(processed, Duration.ofDays(7));
      processed.firstTime("whatsapp:wamid.1");
      clock.advance(Duration.ofDays(7).plusSeconds(1));

      assertThat(purge(weekly)).isEqualTo(1);
    }

    @Test
    void the_default_retention_is_thirty_days_and_the_minimum_seven() {
      assertThat(PurgeExpiredDataService.DEFAULT_DEDUPE_RETENTION).isEqualTo(Duration.ofDays(30));
      assertThat(PurgeExpiredDataService.MIN_DEDUPE_RETENTION).isEqualTo(Duration.ofDays(7));
    }
  }

  @Test
  void personal_data_and_kept_forwards_are_purged_after_the_dedupe_retention_in_order() {
    dev.switchboard.application.fakes.InMemoryCustomerRecords customers =
        new dev.switchboard.application.fakes.InMemoryCustomerRecords();
    PurgeExpiredDataService service =
        new PurgeExpiredDataService(
            store,
            MEDIA_RETENTION,
            new dev.switchboard.application.fakes.InMemoryProcessedMessages(clock),
            new dev.switchboard.application.fakes.InMemoryDeliveries(clock),
            new dev.switchboard.application.fakes.InMemoryDeadLetters(clock),
            customers,
            Duration.ofDays(30),
            clock);

    service.purge(new dev.switchboard.application.port.in.PurgeExpiredDataCommand());

    java.time.Instant cutoff = clock.instant().minus(Duration.ofDays(30));
    assertThat(customers.purges())
        .containsExactly(
            "held messages before " + cutoff,
            "forwarded messages before " + cutoff,
            "conversations before " + cutoff,
            "contacts before " + cutoff,
            "links before " + cutoff);
  }
}
