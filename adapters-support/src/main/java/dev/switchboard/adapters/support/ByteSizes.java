package dev.switchboard.adapters.support;

import java.util.Locale;

/**
 * Sizes as people read them in a receipt or a note to an agent: 20 MB, 500 KB, 1.5 MB, 300 bytes.
 */
public final class ByteSizes {

  private static final long KB = 1024L;
  private static final long MB = 1024L * KB;

  private ByteSizes() {}

  /** {@code bytes} in MB, KB or bytes, with one decimal when it is not a whole number of them. */
  public static String readable(long bytes) {
    if (bytes >= MB) {
      return bytes % MB == 0
          ? bytes / MB + " MB"
          : String.format(Locale.ROOT, "%.1f MB", bytes / (double) MB);
    }
    if (bytes >= KB) {
      return bytes % KB == 0
          ? bytes / KB + " KB"
          : String.format(Locale.ROOT, "%.1f KB", bytes / (double) KB);
    }
    return bytes + " bytes";
  }
}
