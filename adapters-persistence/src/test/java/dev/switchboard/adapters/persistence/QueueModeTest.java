package dev.switchboard.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.port.out.Inbox;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded mode's inbox: the journal next to an H2 file database, the table on any other
 * database (RabbitMQ's mode: {@code RabbitMqModeTest} in module {@code adapters-rabbitmq}).
 */
class QueueModeTest {

  @TempDir Path dir;

  @Test
  void without_configuration_the_inbox_is_the_journal_next_to_the_h2_database() {
    try (ApplicationContext context = start(Map.of())) {
      assertThat(context.getBean(Inbox.class)).isInstanceOf(JournalInbox.class);
      assertThat(dir.resolve("inbox")).isDirectory();
    }
  }

  @Test
  void embedded_on_an_h2_file_database_selects_the_journal() {
    try (ApplicationContext context = start(Map.of("switchboard.queue", "embedded"))) {
      assertThat(context.getBean(Inbox.class)).isInstanceOf(JournalInbox.class);
    }
  }

  @Test
  void embedded_on_an_in_memory_database_selects_the_table() {
    Map<String, Object> properties = new HashMap<>(TestDatabases.h2(dir));
    properties.put(
        "datasources.default.url",
        "jdbc:h2:mem:queue-mode;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    try (ApplicationContext context = TestDatabases.start(properties, Clock.systemUTC())) {
      assertThat(context.getBean(Inbox.class)).isInstanceOf(JdbcInbox.class);
    }
  }

  @Test
  void the_journal_directory_is_derived_from_h2_file_urls_only() {
    assertThat(
            EmbeddedDatabase.journalDirectory("jdbc:h2:file:/srv/sb/switchboard;MODE=PostgreSQL"))
        .contains(Path.of("/srv/sb/inbox"));
    assertThat(EmbeddedDatabase.journalDirectory("jdbc:h2:/srv/sb/switchboard"))
        .contains(Path.of("/srv/sb/inbox"));
    assertThat(EmbeddedDatabase.journalDirectory("jdbc:h2:~/sb/db;WRITE_DELAY=0"))
        .contains(Path.of(System.getProperty("user.home"), "sb", "inbox"));
    assertThat(EmbeddedDatabase.journalDirectory("jdbc:h2:mem:x")).isEmpty();
    assertThat(EmbeddedDatabase.journalDirectory("jdbc:h2:tcp://db:9092/sb")).isEmpty();
    assertThat(EmbeddedDatabase.journalDirectory("jdbc:postgresql://127.0.0.1:5432/test"))
        .isEmpty();
    assertThat(EmbeddedDatabase.journalDirectory(null)).isEmpty();
  }

  private ApplicationContext start(Map<String, Object> mode) {
    Map<String, Object> properties = new HashMap<>(TestDatabases.h2(dir));
    properties.putAll(mode);
    return TestDatabases.start(properties, Clock.systemUTC());
  }
}
