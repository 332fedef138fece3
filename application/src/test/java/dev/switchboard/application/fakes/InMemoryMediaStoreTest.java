package dev.switchboard.application.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.message.MediaBytes;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryMediaStoreTest {

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final InMemoryMediaStore store = new InMemoryMediaStore(clock);

  @Test
  void keeps_the_bytes_under_the_id_it_returns_and_the_same_key_gives_the_same_id() {
    String id = store.put("wamid.1", new MediaBytes(new byte[] {1, 2, 3}, "image/jpeg", "cat.jpg"));

    assertThat(store.put("wamid.1", new MediaBytes(new byte[] {9}, "image/png", null)))
        .isEqualTo(id);
    assertThat(store.get(id))
        .hasValueSatisfying(
            m -> {
              assertThat(m.content()).containsExactly(1, 2, 3);
              assertThat(m.mimeType()).isEqualTo("image/jpeg");
              assertThat(m.filename()).isEqualTo("cat.jpg");
            });
  }

  @Test
  void deletes_only_what_was_stored_before_the_cutoff() {
    String old = store.put("wamid.old", new MediaBytes(new byte[] {1}, "image/png", null));
    clock.advance(Duration.ofDays(2));
    String fresh = store.put("wamid.new", new MediaBytes(new byte[] {2}, "image/png", null));

    assertThat(store.deleteStoredBefore(clock.instant().minus(Duration.ofDays(1)))).isEqualTo(1);

    assertThat(store.get(old)).isEmpty();
    assertThat(store.get(fresh)).isPresent();
  }
}
