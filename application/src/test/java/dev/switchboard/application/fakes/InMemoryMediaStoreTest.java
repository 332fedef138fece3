package dev.switchboard.application.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryMediaStoreTest {

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final InMemoryMediaStore store = new InMemoryMediaStore(clock);

  @Test
  void keeps_the_bytes_under_the_id_it_returns() {
    String id = store.put(new byte[] {1, 2, 3}, "image/jpeg", "cat.jpg");

    assertThat(store.get(id))
        .hasValueSatisfying(
            m -> {
              assertThat(m.content()).containsExactly(1, 2, 3);
              assertThat(m.mimeType()).isEqualTo("image/jpeg");
              assertThat(m.filename()).isEqualTo("cat.jpg");
            });
  }

  @Test
  void deletes_only_what_is_older_than_the_retention() {
    String old = store.put(new byte[] {1}, "image/png", null);
    clock.advance(Duration.ofDays(2));
    String fresh = store.put(new byte[] {2}, "image/png", null);

    assertThat(store.deleteOlderThan(Duration.ofDays(1), clock.instant())).isEqualTo(1);

    assertThat(store.get(old)).isEmpty();
    assertThat(store.get(fresh)).isPresent();
  }
}
