package dev.switchboard.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.pipeline.InboxEvent;
import dev.switchboard.application.port.out.PolledInbox;
import io.micronaut.context.ApplicationContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook whose append returned survives the process being killed with SIGKILL right after, on
 * the embedded default: an H2 file database configured as {@link TestDatabases#H2_OPTIONS}, whose
 * inbox is the {@link JournalInbox}.
 *
 * <p>The journal writes each batch through to the operating system before the appends complete (a
 * {@code write}, no {@code fsync}: safe when the process dies, not when the machine loses power).
 * The database's settings matter too, for what processing commits: with H2 2.3.232's default {@code
 * WRITE_DELAY} (500 ms) the table inbox of an earlier version lost the last 818 of 1,500
 * acknowledged appends in this very test, and none with {@code WRITE_DELAY=0}. That is why {@link
 * EmbeddedDatabaseCheck} refuses an H2 file database without it.
 */
class InboxDurabilityTest {

  private static final Pattern APPENDED = Pattern.compile("appended (\\d+)");
  private static final int APPENDS_BEFORE_KILL = 1500;

  @TempDir Path dir;

  @Test
  void every_webhook_whose_append_returned_survives_a_sigkill() throws Exception {
    Path log = dir.resolve("child.log");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                InboxAppendChild.class.getName(),
                dir.resolve("db").toString())
            .redirectError(log.toFile())
            .start();
    Set<Long> acknowledged = new HashSet<>();
    long readyAt = 0;
    long killedAt;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      String line;
      while (acknowledged.size() < APPENDS_BEFORE_KILL
          && System.nanoTime() < deadline
          && (line = out.readLine()) != null) {
        Matcher appended = APPENDED.matcher(line);
        if (appended.matches()) {
          acknowledged.add(Long.parseLong(appended.group(1)));
        } else if (line.equals("ready")) {
          readyAt = System.nanoTime();
        }
      }
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close
      killedAt = System.nanoTime();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(child.exitValue()).as("killed by SIGKILL: %s", childLog(log)).isEqualTo(137);
    assertThat(acknowledged)
        .as("appends before the kill: %s", childLog(log))
        .hasSize(APPENDS_BEFORE_KILL);
    System.out.printf(
        "InboxDurabilityTest: %d appends of ~1 KiB in %d ms (~%d/s) before the kill%n",
        acknowledged.size(),
        TimeUnit.NANOSECONDS.toMillis(killedAt - readyAt),
        acknowledged.size() * 1_000_000_000L / Math.max(1, killedAt - readyAt));

    try (ApplicationContext reopened =
        TestDatabases.start(TestDatabases.h2(dir.resolve("db")), Clock.systemUTC())) {
      List<InboxEvent> stored = reopened.getBean(PolledInbox.class).oldest(Integer.MAX_VALUE);
      Set<Long> kept = new HashSet<>();
      for (InboxEvent event : stored) {
        Matcher n =
            Pattern.compile("\\{\"n\":(\\d+),")
                .matcher(new String(event.webhook().body(), StandardCharsets.UTF_8));
        assertThat(n.lookingAt()).isTrue();
        kept.add(Long.parseLong(n.group(1)));
      }
      assertThat(kept).containsAll(acknowledged);
    }
  }

  private static String childLog(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "(no output)";
    } catch (IOException e) {
      return e.toString();
    }
  }
}
