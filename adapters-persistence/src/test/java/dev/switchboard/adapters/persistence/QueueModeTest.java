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

/** The JDBC inbox is the embedded mode's (RabbitMQ's mode: {@code rabbitmq.RabbitMqModeTest}). */
class QueueModeTest {

  @TempDir Path dir;

  @Test
  void without_configuration_the_inbox_is_the_jdbc_one() {
    try (ApplicationContext context = start(Map.of())) {
      assertThat(context.getBean(Inbox.class)).isInstanceOf(JdbcInbox.class);
    }
  }

  @Test
  void embedded_selects_the_jdbc_inbox() {
    try (ApplicationContext context = start(Map.of("switchboard.queue", "embedded"))) {
      assertThat(context.getBean(Inbox.class)).isInstanceOf(JdbcInbox.class);
    }
  }

  private ApplicationContext start(Map<String, Object> mode) {
    Map<String, Object> properties = new HashMap<>(TestDatabases.h2(dir));
    properties.putAll(mode);
    return TestDatabases.start(properties, Clock.systemUTC());
  }
}
