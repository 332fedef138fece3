package dev.switchboard.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The application in a child JVM, so that a test can kill it as a crashed host would. */
final class BridgeProcess implements AutoCloseable {

  private final Map<String, String> environment;
  private final Path log;
  private final int port;
  private final List<String> args;
  private final Path workingDir;
  private Process process;

  BridgeProcess(Map<String, String> environment, Path log) {
    this(environment, log, List.of(), null);
  }

  /** A bridge started with command-line {@code args} in {@code workingDir} (null: this one). */
  BridgeProcess(Map<String, String> environment, Path log, List<String> args, Path workingDir) {
    this.environment = environment;
    this.log = log;
    this.port = RunningBridge.freePort();
    this.args = List.copyOf(args);
    this.workingDir = workingDir;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Starts the JVM and waits until /health answers 200. */
  BridgeProcess start() {
    spawn();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the bridge exited with " + process.exitValue() + ": " + logText());
      }
      try {
        if (Stubs.get(url() + "/health").statusCode() == 200) {
          return this;
        }
      } catch (UncheckedIOException notYet) {
        // not listening yet
      }
      EndToEndTest.pause(Duration.ofMillis(100));
    }
    kill();
    throw new IllegalStateException("the bridge did not become healthy: " + logText());
  }

  /** Starts the JVM expecting it to stop by itself; its exit code. */
  int runUntilExit(Duration timeout) throws InterruptedException {
    spawn();
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      kill();
      throw new AssertionError("the bridge kept running: " + logText());
    }
    return process.exitValue();
  }

  /** SIGKILL: no shutdown hooks run. */
  void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  private void spawn() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Application.class.getName());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    if (workingDir != null) {
      builder.directory(workingDir.toFile());
    }
    builder.environment().putAll(environment);
    builder.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(port));
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    kill();
  }
}
