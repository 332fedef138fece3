package dev.switchboard.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Grafana dashboard the project ships ({@code docs/ops/grafana-dashboard.json}), read. */
final class GrafanaDashboard {

  static final Path FILE = Path.of("..", "docs", "ops", "grafana-dashboard.json");

  /**
   * A meter's name in PromQL: the families the bridge exposes (its own, the JVM's, the HTTP
   * server's, the connection pool's, the process'), as Prometheus shows them.
   */
  private static final Pattern METER =
      Pattern.compile("\\b((?:switchboard|jvm|http_server|hikaricp|process|system)_[a-z0-9_]+)\\b");

  private GrafanaDashboard() {}

  /** The dashboard's JSON. */
  static JsonNode read() {
    try {
      return new ObjectMapper().readTree(Files.readString(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every query of the dashboard: the panels' expressions and the variables' queries. */
  static List<String> queries() {
    List<String> queries = new ArrayList<>();
    read().findValues("expr").forEach(expr -> queries.add(expr.asText()));
    read().path("templating").path("list").forEach(v -> queries.add(v.path("definition").asText()));
    return queries;
  }

  /** The names of the meters its queries use. */
  static Set<String> meterNames() {
    Set<String> names = new TreeSet<>();
    for (String query : queries()) {
      Matcher m = METER.matcher(query);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }
}
