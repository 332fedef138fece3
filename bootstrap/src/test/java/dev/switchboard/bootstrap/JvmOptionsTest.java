package dev.switchboard.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JVM options the README recommends live in one java argument file, {@code
 * bootstrap/jvm.options} ({@code java @bootstrap/jvm.options -jar ...}): the JVM accepts every one
 * of them, the README lists each, and the benchmark starts Switchboard with them unless told
 * otherwise.
 */
class JvmOptionsTest {

  static final Path FILE = Path.of("jvm.options");
  static final Path README = Path.of("..", "README.md");
  static final Path BENCH = Path.of("..", "benchmarks");

  /** The options of the file: whitespace separates them, '#' comments to the end of the line. */
  static List<String> options() throws IOException {
    List<String> options = new ArrayList<>();
    for (String line : Files.readAllLines(FILE)) {
      String option = line.split("#", 2)[0].strip();
      if (!option.isEmpty()) {
        options.addAll(Arrays.asList(option.split("\\s+")));
      }
    }
    return options;
  }

  @Test
  void the_file_sizes_the_heap_and_names_the_collector() throws IOException {
    assertThat(options())
        .contains("-XX:+UseG1GC")
        .anyMatch(option -> option.startsWith("-Xmx"))
        .anyMatch(option -> option.startsWith("-XX:MaxMetaspaceSize="))
        .anyMatch(option -> option.startsWith("-XX:ReservedCodeCacheSize="));
  }

  @Test
  void the_jvm_accepts_the_file_as_an_argument_file() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(), "@" + FILE.toAbsolutePath(), "-XX:+PrintFlagsFinal", "-version")
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    assertThat(out).containsPattern("bool UseG1GC\\s+= true\\s+\\{product\\} \\{command line\\}");
  }

  @Test
  void the_readme_lists_every_option() throws IOException {
    String readme = Files.readString(README);
    assertThat(readme).contains("### Recommended JVM options", "java @bootstrap/jvm.options -jar");
    for (String option : options()) {
      assertThat(readme).as(option).contains("`" + option + "`");
    }
  }

  @Test
  void the_benchmark_starts_switchboard_with_them_before_its_extra_options() throws Exception {
    Process process =
        new ProcessBuilder(
                "python3",
                "-c",
                "import bench; print('\\n'.join(bench.bridge_command('sb.jar', bench.JVM_OPTIONS,"
                    + " '-Dextra=1 -Dmore=2')))")
            .directory(BENCH.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    List<String> expected = new ArrayList<>(List.of("java"));
    expected.addAll(options());
    expected.addAll(List.of("-Dextra=1", "-Dmore=2", "-jar", "sb.jar"));
    assertThat(out.strip().lines().toList()).isEqualTo(expected);
  }
}
