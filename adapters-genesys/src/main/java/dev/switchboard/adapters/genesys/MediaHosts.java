package dev.switchboard.adapters.genesys;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hosts agents' attachments may be fetched from ({@code switchboard.genesys.media-hosts}):
 * exact host names, or {@code *.suffix} for any host below {@code suffix}. Names are compared
 * case-insensitively; no other wildcard form is understood, and such entries allow nothing.
 */
final class MediaHosts {

  private static final Logger LOG = LoggerFactory.getLogger(MediaHosts.class);
  private static final String WILDCARD = "*.";

  private final Set<String> exact = new LinkedHashSet<>();
  private final List<String> suffixes = new ArrayList<>(); // each with its leading dot

  MediaHosts(List<String> entries) {
    for (String entry : entries) {
      String host = normalised(entry);
      if (host.isEmpty()) {
        continue;
      }
      if (host.startsWith(WILDCARD)
          && host.length() > WILDCARD.length()
          && isName(host.substring(WILDCARD.length()))) {
        suffixes.add(host.substring(1));
      } else if (isName(host)) {
        exact.add(host);
      } else {
        LOG.warn(
            "switchboard.genesys.media-hosts entry '{}' is neither a host name nor *.suffix;"
                + " it allows nothing",
            entry);
      }
    }
  }

  /** Whether {@code uri} is an http(s) URL on one of the hosts. */
  boolean allows(URI uri) {
    if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
      return false;
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return false;
    }
    String host = normalised(uri.getHost());
    if (host.isEmpty()) {
      return false;
    }
    if (exact.contains(host)) {
      return true;
    }
    for (String suffix : suffixes) {
      if (host.endsWith(suffix) && host.length() > suffix.length()) {
        return true;
      }
    }
    return false;
  }

  /** Lower case, without surrounding blanks or a trailing dot. */
  private static String normalised(String host) {
    String result = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
    return result.endsWith(".") ? result.substring(0, result.length() - 1) : result;
  }

  /** A host name or address: no wildcard, path, port, user or blank. */
  private static boolean isName(String host) {
    return !host.isEmpty()
        && host.chars()
            .noneMatch(c -> c == '*' || c == '/' || c == '@' || c == '?' || c == '#' || c <= ' ')
        && !host.startsWith(".")
        && (host.startsWith("[") || host.indexOf(':') < 0);
  }

  @Override
  public String toString() {
    List<String> all = new ArrayList<>(exact);
    suffixes.forEach(suffix -> all.add("*" + suffix));
    return "MediaHosts" + all;
  }
}
