package dev.switchboard.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts Switchboard. */
public final class Application {

  static final String DATA_DIR = "switchboard.data-dir";

  private Application() {}

  public static void main(String[] args) {
    try (ApplicationContext probe = ApplicationContext.builder().args(args).build()) {
      // reads the configuration (files, environment, system properties) without starting beans
      Environment environment = probe.getEnvironment();
      environment.start();
      RequiredSettings.Report required = RequiredSettings.check(environment);
      if (!required.missing().isEmpty()) {
        System.err.println(RequiredSettings.describe(required.missing()));
      }
      List<String> wrong = new ArrayList<>(required.problems());
      wrong.addAll(SettingsCheck.problemsIn(environment));
      wrong.forEach(problem -> System.err.println("switchboard: cannot start: " + problem));
      if (!required.isUsable() || !wrong.isEmpty()) {
        System.exit(2);
      }
      pinDataDir(environment);
    }
    Micronaut.build(args).mainClass(Application.class).banner(false).start();
  }

  /**
   * Makes the data dir absolute: the embedded database refuses a relative path such as {@code
   * data}, and a system property outranks the environment variable it came from.
   */
  private static void pinDataDir(Environment environment) {
    String dataDir = environment.getProperty(DATA_DIR, String.class).orElse("./data");
    System.setProperty(DATA_DIR, Path.of(dataDir).toAbsolutePath().normalize().toString());
  }
}
