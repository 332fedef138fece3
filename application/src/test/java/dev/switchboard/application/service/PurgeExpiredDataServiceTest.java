package dev.switchboard.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.fakes.InMemoryMediaStore;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.port.in.PurgeExpiredDataCommand;
import dev.switchboard.domain.message.MediaBytes;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PurgeExpiredDataServiceTest {

  private static final Duration RETENTION = Duration.ofDays(30);

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final InMemoryMediaStore store = new InMemoryMediaStore(clock);
  private final PurgeExpiredDataService service =
      new PurgeExpiredDataService(store, RETENTION, clock);

  private String storeNow(String key) {
    return store.put(key, new MediaBytes(new byte[] {1, 2}, "image/png", null));
  }

  @Test
  void media_stored_longer_ago_than_the_retention_is_deleted_and_newer_media_kept() {
    String old = storeNow("wamid.old");
    clock.advance(Duration.ofDays(10));
    String newer = storeNow("wamid.newer");
    clock.advance(RETENTION.minusDays(10).plusSeconds(1));

    int deleted = service.purge(new PurgeExpiredDataCommand());

    assertThat(deleted).isEqualTo(1);
    assertThat(store.get(old)).isEmpty();
    assertThat(store.get(newer)).isPresent();
  }

  @Test
  void media_stored_exactly_the_retention_ago_is_still_kept() {
    String id = storeNow("wamid.1");
    clock.advance(RETENTION);

    assertThat(service.purge(new PurgeExpiredDataCommand())).isZero();
    assertThat(store.get(id)).isPresent();
  }

  @Test
  void nothing_stored_deletes_nothing() {
    assertThat(service.purge(new PurgeExpiredDataCommand())).isZero();
  }
}
