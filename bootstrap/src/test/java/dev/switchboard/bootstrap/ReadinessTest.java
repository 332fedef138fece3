package dev.switchboard.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Liveness and readiness of the embedded default (H2 and its inbox journal): readiness goes down
 * when the journal's disk or a pipeline thread is gone, and up again when it is back.
 */
class ReadinessTest extends RunningBridge {

  @Override
  Map<String, Object> extraProperties() {
    return Map.of("switchboard.pipeline.watchdog", "3s");
  }

  private int status(String path) {
    return Stubs.get(server.getURL() + path).statusCode();
  }

  @Test
  void health_liveness_and_readiness_answer_200_when_ready_and_show_no_details() {
    assertThat(status("/health")).isEqualTo(200);
    assertThat(status("/health/liveness")).isEqualTo(200);
    assertThat(status("/health/readiness")).isEqualTo(200);
    String body = Stubs.get(server.getURL() + "/health/readiness").body();
    assertThat(body).contains("UP").doesNotContain("jdbc:").doesNotContain(dataDir.toString());
  }

  @Test
  void readiness_is_down_while_a_pipeline_thread_is_dead_and_up_once_it_runs_again()
      throws InterruptedException {
    Thread processor = pipelineThread("inbox-processor");
    // an interrupt ends the loop, as at shutdown: the thread is gone while the bridge runs on
    processor.interrupt();
    processor.join(5_000);
    assertThat(processor.isAlive()).isFalse();

    assertThat(status("/health/readiness")).isEqualTo(503);
    assertThat(status("/health")).isEqualTo(503);
    assertThat(status("/health/liveness")).isEqualTo(200);

    // the watchdog starts it again
    eventually(() -> status("/health/readiness") == 200, Duration.ofSeconds(10));
    Thread restarted = pipelineThread("inbox-processor");
    assertThat(restarted).isNotSameAs(processor);
    assertThat(restarted.isAlive()).isTrue();
    customerWrites(java.time.Instant.now());
  }

  @Test
  void readiness_is_down_while_the_journal_directory_is_gone_and_up_when_it_is_back()
      throws Exception {
    Path journal = dataDir.resolve("inbox");
    assertThat(journal).isDirectory();
    Path moved = dataDir.resolve("inbox-away");
    Files.move(journal, moved);
    try {
      assertThat(status("/health/readiness")).isEqualTo(503);
      assertThat(status("/health/liveness")).isEqualTo(200);
    } finally {
      Files.move(moved, journal);
    }
    assertThat(status("/health/readiness")).isEqualTo(200);
  }

  @Test
  void readiness_is_down_when_the_journal_disk_has_less_free_space_than_the_threshold(
      @org.junit.jupiter.api.io.TempDir Path otherDir) {
    try (EmbeddedServer other =
        startOther(otherDir, Map.of("switchboard.health.journal-min-free", "1000000000GB"))) {
      assertThat(Stubs.get(other.getURL() + "/health/readiness").statusCode()).isEqualTo(503);
      assertThat(Stubs.get(other.getURL() + "/health/liveness").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void an_accept_only_instance_has_no_pipeline_threads_and_is_ready(
      @org.junit.jupiter.api.io.TempDir Path otherDir) {
    try (EmbeddedServer other =
        startOther(otherDir, Map.of("switchboard.pipeline.enabled", "false"))) {
      assertThat(other.getApplicationContext().findBean(PipelineRunner.class)).isEmpty();
      assertThat(Stubs.get(other.getURL() + "/health/readiness").statusCode()).isEqualTo(200);
      assertThat(Stubs.get(other.getURL() + "/health").statusCode()).isEqualTo(200);
    }
  }

  private EmbeddedServer startOther(Path dir, Map<String, Object> extra) {
    Map<String, Object> properties = Stubs.properties(meta, genesys, dir.toString());
    properties.putAll(extra);
    int port = freePort();
    properties.put("micronaut.server.port", port);
    properties.put("switchboard.public-url", "http://localhost:" + port);
    return ApplicationContext.run(EmbeddedServer.class, properties);
  }

  private static Thread pipelineThread(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals(name) && thread.isAlive())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no live thread " + name));
  }
}
