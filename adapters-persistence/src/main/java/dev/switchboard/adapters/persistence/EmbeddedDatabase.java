package dev.switchboard.adapters.persistence;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What follows from the database being H2 in this process (the embedded default), read off its URL:
 * only this process can open it, so outbox claims may live in memory ({@link LocalClaims}); and,
 * for an H2 file database, accepted webhooks go to an append-only journal next to it ({@link
 * JournalInbox}) instead of its {@code inbox_event} table ({@link JdbcInbox}, which a PostgreSQL
 * deployment keeps, so that everything stays in PostgreSQL).
 */
public final class EmbeddedDatabase {

  static final String URL_PROPERTY = "datasources.default.url";

  private EmbeddedDatabase() {}

  /**
   * The name of the H2 database this process opens itself (its file, or {@code mem:} and its name),
   * or empty for a database other processes may use too (a server, or H2 with {@code AUTO_SERVER}).
   */
  static Optional<String> inProcess(String url) {
    if (url == null || !url.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
      return Optional.empty();
    }
    String rest = url.substring(8);
    int options = rest.indexOf(';');
    String name = options < 0 ? rest : rest.substring(0, options);
    if (options >= 0
        && rest.substring(options).toUpperCase(Locale.ROOT).contains("AUTO_SERVER=TRUE")) {
      return Optional.empty();
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("mem:")) {
      return Optional.of(name);
    }
    return file(name).map(Path::toString);
  }

  /**
   * The directory of the journal that belongs to the H2 file database of {@code url} ({@code <its
   * directory>/inbox}), or empty when the URL names another kind of database.
   */
  static Optional<Path> journalDirectory(String url) {
    return inProcess(url)
        .filter(name -> !name.toLowerCase(Locale.ROOT).startsWith("mem:"))
        .map(Path::of)
        .map(database -> (database.getParent() == null ? database : database.getParent()))
        .map(directory -> directory.resolve("inbox"));
  }

  /** The database file of an H2 URL's name part ({@code file:} or none); empty for other kinds. */
  private static Optional<Path> file(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("file:")) {
      name = name.substring(5);
    } else if (lower.matches("^[a-z]{2,}:.*")) {
      return Optional.empty(); // tcp:, ssl:, zip:, split:, ...
    }
    if (name.isBlank()) {
      return Optional.empty();
    }
    if (name.startsWith("~")) {
      name = System.getProperty("user.home") + name.substring(1);
    }
    return Optional.of(Path.of(name).toAbsolutePath().normalize());
  }

  private static boolean journal(ConditionContext<?> context) {
    return journalDirectory(context.getProperty(URL_PROPERTY, String.class).orElse(null))
        .isPresent();
  }

  /** Selects {@link JournalInbox}: the database is an H2 file database of this process. */
  public static final class Journal implements Condition {
    @Override
    public boolean matches(ConditionContext context) {
      return journal(context);
    }
  }

  /** Selects {@link JdbcInbox}: the database is not an H2 file database of this process. */
  public static final class Table implements Condition {
    @Override
    public boolean matches(ConditionContext context) {
      return !journal(context);
    }
  }
}
