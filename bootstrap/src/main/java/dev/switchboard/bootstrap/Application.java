package dev.switchboard.bootstrap;

import dev.switchboard.adapters.support.ConnectionSettings;
import dev.switchboard.sandbox.Sandbox;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.Micronaut;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts Switchboard. */
public final class Application {

  static final String DATA_DIR = "switchboard.data-dir";

  private Application() {}

  public static void main(String[] args) {
    PropertySource sandbox = Sandbox.isRequested(args) ? sandboxSettings(args) : null;
    try (ApplicationContext probe =
        launch(ApplicationContext.builder().args(args), sandbox).build()) {
      // reads the configuration (files, environment, system properties) without starting beans
      Environment environment = probe.getEnvironment();
      environment.start();
      RequiredSettings.Report required = RequiredSettings.check(environment);
      if (!required.missing().isEmpty()) {
        System.err.println(RequiredSettings.describe(required.missing()));
      }
      List<String> wrong = new ArrayList<>(required.problems());
      wrong.addAll(SettingsCheck.problemsIn(environment));
      if (sandbox != null) {
        wrong.addAll(connectionsBesideTheSandbox(environment));
      }
      wrong.forEach(problem -> System.err.println("switchboard: cannot start: " + problem));
      if (!required.isUsable() || !wrong.isEmpty()) {
        System.exit(2);
      }
      if (sandbox == null) {
        pinDataDir(environment);
      }
    }
    Micronaut micronaut = Micronaut.build(args).mainClass(Application.class).banner(false);
    launch(micronaut, sandbox);
    micronaut.start();
  }

  /**
   * With {@code --sandbox}: no environment variable is read as a setting (real credentials, hosts
   * and databases given there are ignored), and the sandbox's settings outrank every other source.
   */
  private static ApplicationContextBuilder launch(
      ApplicationContextBuilder builder, PropertySource sandbox) {
    if (sandbox != null) {
      builder.environmentPropertySource(false).propertySources(sandbox);
    }
    return builder;
  }

  /** The sandbox's settings, for the port the server is configured with (any: a free one). */
  private static PropertySource sandboxSettings(String[] args) {
    try {
      return Sandbox.propertySource(Sandbox.port(args, System.getenv()), Path.of(""));
    } catch (IllegalArgumentException unusable) {
      System.err.println("switchboard: cannot start: " + unusable.getMessage());
      System.exit(2);
      throw unusable;
    }
  }

  /**
   * The sandbox serves one connection of its own; a connection from a configuration file could name
   * real accounts, so the sandbox does not start beside one.
   */
  private static List<String> connectionsBesideTheSandbox(Environment environment) {
    List<String> named = new ArrayList<>();
    for (ConnectionSettings.Connection connection : ConnectionSettings.read(environment).all()) {
      if (!connection.topLevel() && !Sandbox.CONNECTIONS.contains(connection.name().value())) {
        named.add(connection.name().value());
      }
    }
    return named.isEmpty()
        ? List.of()
        : List.of(
            "--sandbox runs its own simulated connection and ignores real ones, but the"
                + " configuration files (MICRONAUT_CONFIG_FILES) name "
                + ConnectionSettings.PREFIX
                + ": "
                + String.join(", ", named)
                + "; start the sandbox without them");
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
