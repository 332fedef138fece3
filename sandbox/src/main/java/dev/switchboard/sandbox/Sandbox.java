package dev.switchboard.sandbox;

import io.micronaut.context.env.PropertySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The launch of {@code java -jar switchboard.jar --sandbox}: the settings that point the bridge at
 * the simulated services this module serves under {@code /sandbox}, with generated secrets. They
 * outrank every other source (environment variables, system properties, files), so real credentials
 * and hosts that happen to be configured are never used. This is the module's one entry point; its
 * beans exist only when {@link #ENABLED} is set, which only this launch does.
 */
public final class Sandbox {

  /** The command-line flag. */
  public static final String FLAG = "--sandbox";

  /** The property the sandbox's beans require; set only by {@link #propertySource}. */
  public static final String ENABLED = "switchboard.sandbox.enabled";

  /** Where the sandbox keeps its data, relative to the working directory. */
  public static final String DATA_DIR = "data-sandbox";

  /** The name of the sandbox's Telegram connection. */
  public static final String TELEGRAM_CONNECTION = "telegram";

  /** The name of the sandbox's second WhatsApp number, the one that holds and re-engages. */
  public static final String REENGAGE_CONNECTION = "reengage";

  /** The connections the sandbox configures under {@code switchboard.connections}. */
  public static final Set<String> CONNECTIONS = Set.of(TELEGRAM_CONNECTION, REENGAGE_CONNECTION);

  static final String REENGAGEMENT_TEMPLATE = "we_have_a_reply";

  /** Above the command line (0), system properties (-100) and environment variables (-200). */
  static final int PRECEDENCE = 10_000;

  static final String API_VERSION = "v26.0";
  static final String TELEGRAM_BASE = "/sandbox/telegram";
  static final String PORT = "switchboard.sandbox.port";
  static final String SERVER_PORT = "micronaut.server.port";
  static final int DEFAULT_PORT = 8080;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Sandbox() {}

  /** Whether {@code args} ask for the sandbox. */
  public static boolean isRequested(String... args) {
    return args != null && Arrays.asList(args).contains(FLAG);
  }

  /**
   * The port the sandbox serves on, from where Micronaut would take it, highest first: the command
   * line ({@code --micronaut.server.port=N}), the system property, {@code MICRONAUT_SERVER_PORT};
   * else 8080. Any port (-1, 0) becomes a free one, chosen now because the simulated services' URLs
   * must name it. Read without a Micronaut environment, so that the sandbox starts as fast as the
   * bridge does.
   *
   * @throws IllegalArgumentException when the port given is not a number
   */
  public static int port(String[] args, Map<String, String> environment) {
    String configured = null;
    for (String arg : args == null ? new String[0] : args) {
      if (arg.startsWith("--" + SERVER_PORT + "=")) {
        configured = arg.substring(SERVER_PORT.length() + 3);
      }
    }
    if (configured == null) {
      configured = System.getProperty(SERVER_PORT);
    }
    if (configured == null) {
      configured = environment.get("MICRONAUT_SERVER_PORT");
    }
    if (configured == null || configured.isBlank()) {
      return DEFAULT_PORT;
    }
    try {
      return port(Integer.parseInt(configured.strip()));
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException(SERVER_PORT + " is not a port number: " + configured);
    }
  }

  /** {@code configured} when it is a real port, else (-1, 0: any port) a free one. */
  static int port(int configured) {
    if (configured > 0) {
      return configured;
    }
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the sandbox", e);
    }
  }

  /**
   * The sandbox's settings at the highest precedence: the bridge's data under {@code
   * workingDir/data-sandbox}, generated secrets and tokens, the Graph API, Genesys and Bot API base
   * URLs on this process, the embedded database and queue.
   */
  public static PropertySource propertySource(int port, Path workingDir) {
    return PropertySource.of("sandbox", settings(port, workingDir), PRECEDENCE);
  }

  /** The settings of {@link #propertySource}. */
  static Map<String, Object> settings(int port, Path workingDir) {
    String self = "http://localhost:" + port;
    String dataDir = workingDir.resolve(DATA_DIR).toAbsolutePath().normalize().toString();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put(ENABLED, true);
    settings.put(PORT, port);
    settings.put("micronaut.server.port", port);
    settings.put("switchboard.public-url", self);
    settings.put("switchboard.data-dir", dataDir);
    settings.put("switchboard.queue", "embedded");
    settings.put("switchboard.media.store", "filesystem");
    settings.put(
        "datasources.default.url",
        "jdbc:h2:file:"
            + dataDir
            + "/switchboard;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
            + "DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;QUERY_CACHE_SIZE=64;CACHE_SIZE=4096");
    settings.put("datasources.default.username", "sa");
    settings.put("datasources.default.password", "");
    settings.put("switchboard.admin.token", secret());
    // the Meta app and the business number ("default" connection)
    settings.put("switchboard.whatsapp.app-secret", secret());
    settings.put("switchboard.whatsapp.verify-token", secret());
    settings.put("switchboard.whatsapp.access-token", "EAAsandbox" + secret());
    settings.put("switchboard.whatsapp.phone-number-id", "100200300400500");
    settings.put("switchboard.whatsapp.graph-url", self + GraphSimulator.BASE);
    settings.put("switchboard.whatsapp.api-version", API_VERSION);
    // the Genesys org and its Open Messaging integration
    settings.put("switchboard.genesys.api-url", self + GenesysSimulator.BASE);
    settings.put("switchboard.genesys.login-url", self + GenesysSimulator.BASE);
    settings.put("switchboard.genesys.client-id", UUID.randomUUID().toString());
    settings.put("switchboard.genesys.client-secret", secret());
    settings.put("switchboard.genesys.integration-id", UUID.randomUUID().toString());
    settings.put("switchboard.genesys.webhook-secret", secret());
    settings.put("switchboard.genesys.media-hosts", "localhost");
    // a Telegram bot on its own Genesys integration, in the same org
    settings.put("switchboard.telegram.api-url", self + TELEGRAM_BASE);
    String telegram = "switchboard.connections." + TELEGRAM_CONNECTION + ".";
    settings.put(telegram + "channel", "telegram");
    settings.put(telegram + "telegram.bot-token", "7000000001:AA" + secret().substring(0, 33));
    settings.put(telegram + "telegram.secret-token", secret());
    settings.put(telegram + "genesys.integration-id", UUID.randomUUID().toString());
    settings.put(telegram + "genesys.webhook-secret", secret());
    // a second business number whose agents' late answers are held behind a re-engagement template
    String reengage = "switchboard.connections." + REENGAGE_CONNECTION + ".";
    settings.put(reengage + "channel", "whatsapp");
    settings.put(reengage + "whatsapp.phone-number-id", "100200300400501");
    settings.put(
        reengage + "whatsapp.access-token", settings.get("switchboard.whatsapp.access-token"));
    settings.put(
        reengage + "whatsapp.reengagement-template", "sandbox@" + REENGAGEMENT_TEMPLATE + ":en_US");
    settings.put(reengage + "genesys.integration-id", UUID.randomUUID().toString());
    settings.put(reengage + "genesys.webhook-secret", secret());
    for (String shared : new String[] {"client-id", "client-secret", "api-url", "login-url"}) {
      settings.put(telegram + "genesys." + shared, settings.get("switchboard.genesys." + shared));
      settings.put(reengage + "genesys." + shared, settings.get("switchboard.genesys." + shared));
    }
    return settings;
  }

  /** 32 random bytes, hex. */
  static String secret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
