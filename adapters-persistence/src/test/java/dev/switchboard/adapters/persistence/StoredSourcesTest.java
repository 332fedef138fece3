package dev.switchboard.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.domain.channel.ConnectionId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoredSourcesTest {

  @Test
  void what_earlier_releases_wrote_reads_as_whatsapp_and_as_genesys_of_the_default_connection() {
    assertThat(StoredSources.read("WHATSAPP")).isEqualTo(WebhookSource.of("whatsapp"));
    assertThat(StoredSources.read("GENESYS"))
        .isEqualTo(WebhookSource.of("genesys", ConnectionId.DEFAULT));
  }

  @Test
  void a_source_is_stored_as_its_value_and_read_back() {
    List<WebhookSource> sources =
        List.of(
            WebhookSource.of("whatsapp"),
            WebhookSource.of("genesys", ConnectionId.DEFAULT),
            WebhookSource.of("genesys", new ConnectionId("sales")),
            WebhookSource.of("telegram", new ConnectionId("support")),
            WebhookSource.of("event", new ConnectionId("sales")));

    assertThat(sources)
        .extracting(StoredSources::write)
        .containsExactly(
            "whatsapp", "genesys/default", "genesys/sales", "telegram/support", "event/sales");
    for (WebhookSource source : sources) {
      assertThat(StoredSources.read(StoredSources.write(source))).isEqualTo(source);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Whatsapp", "genesys/", "genesys/Sales", "/default", "genesys/a/b"})
  void what_names_no_source_is_refused(String stored) {
    assertThatThrownBy(() -> StoredSources.read(stored))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
