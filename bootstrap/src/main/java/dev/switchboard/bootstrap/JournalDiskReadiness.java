package dev.switchboard.bootstrap;

import dev.switchboard.adapters.persistence.JournalInbox;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Readiness: the embedded inbox journal's directory (under {@code switchboard.data-dir}) takes a
 * file and has more than {@code switchboard.health.journal-min-free} free. Without a journal (a
 * PostgreSQL database, or RabbitMQ) there is nothing to check.
 */
@Singleton
class JournalDiskReadiness extends ReadinessCheck {

  private final Optional<Path> directory;
  private final long minFree;

  JournalDiskReadiness(
      Optional<JournalInbox> journal,
      @Value("${switchboard.health.journal-min-free:64MB}") @ReadableBytes long minFree,
      @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
    super("journal-disk", executor);
    this.directory = journal.map(JournalInbox::directory);
    this.minFree = minFree;
  }

  @Override
  Result check() {
    if (directory.isEmpty()) {
      return Result.up(Map.of("journal", false));
    }
    Path dir = directory.get();
    long free;
    try {
      Path probe = Files.createTempFile(dir, ".health", ".tmp");
      Files.delete(probe);
      free = Files.getFileStore(dir).getUsableSpace();
    } catch (IOException | SecurityException e) {
      return Result.down("the journal's directory takes no file: " + e.getClass().getSimpleName());
    }
    if (free < minFree) {
      return Result.down(
          "the journal's disk has " + free + " bytes free, under the " + minFree + " required");
    }
    return Result.up(Map.of("free", free, "threshold", minFree));
  }
}
