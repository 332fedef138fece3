package dev.switchboard.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark tools, one per sub-command: {@code load} (the load driver), {@code stub} (the
 * Genesys and Graph API stub) and {@code chart} (the latency-against-rate PNG).
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: java -jar bench-driver.jar load|stub|chart --option value ...");
      System.exit(2);
    }
    Args options = Args.parse(Arrays.copyOfRange(args, 1, args.length));
    switch (args[0]) {
      case "load" -> LoadDriver.run(options);
      case "stub" -> GenesysStub.run(options);
      case "chart" -> LatencyChart.run(options);
      default -> {
        System.err.println("unknown command " + args[0]);
        System.exit(2);
      }
    }
  }

  /** {@code --name value} options; a name may repeat ({@link #all}). */
  static final class Args {
    private final Map<String, List<String>> values = new HashMap<>();

    static Args parse(String[] args) {
      Args parsed = new Args();
      for (int i = 0; i < args.length; i++) {
        if (!args[i].startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException("expected --name value at " + args[i]);
        }
        parsed
            .values
            .computeIfAbsent(args[i].substring(2), k -> new java.util.ArrayList<>())
            .add(args[++i]);
      }
      return parsed;
    }

    String get(String name, String fallback) {
      List<String> all = values.get(name);
      return all == null ? fallback : all.get(all.size() - 1);
    }

    String required(String name) {
      String value = get(name, null);
      if (value == null) {
        throw new IllegalArgumentException("--" + name + " is required");
      }
      return value;
    }

    List<String> all(String name) {
      return values.getOrDefault(name, List.of());
    }

    double number(String name, double fallback) {
      String value = get(name, null);
      return value == null ? fallback : Double.parseDouble(value);
    }
  }
}
