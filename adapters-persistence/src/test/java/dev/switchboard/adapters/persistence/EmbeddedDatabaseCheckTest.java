package dev.switchboard.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.port.out.Inbox;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseCheckTest {

  @TempDir Path dir;

  @Test
  void an_h2_file_database_that_delays_its_writes_is_refused() {
    String options = TestDatabases.H2_OPTIONS.replace(";WRITE_DELAY=0", "");

    assertThatThrownBy(() -> start(options))
        .rootCause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("WRITE_DELAY=0");
  }

  @Test
  void an_h2_database_outside_postgresql_mode_is_refused() {
    String options = TestDatabases.H2_OPTIONS.replace(";MODE=PostgreSQL", "");

    assertThatThrownBy(() -> start(options))
        .rootCause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MODE=PostgreSQL");
  }

  @Test
  void the_recommended_h2_settings_are_accepted() {
    try (ApplicationContext context = start(TestDatabases.H2_OPTIONS)) {
      assertThat(context.getBean(Inbox.class).backlog()).isZero();
    }
  }

  private ApplicationContext start(String options) {
    return TestDatabases.start(TestDatabases.h2(dir, options), Clock.systemUTC());
  }
}
