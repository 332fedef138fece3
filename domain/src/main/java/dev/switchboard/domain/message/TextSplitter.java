package dev.switchboard.domain.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a long text into parts of at most a given length, in order: at paragraph boundaries where
 * the paragraphs fit, else at line boundaries, else at word boundaries, and only a word longer than
 * a whole part is cut. Consecutive pieces are packed into one part while they fit.
 */
public final class TextSplitter {

  private TextSplitter() {}

  /** The parts of {@code text}, each at most {@code limit} characters, none blank. */
  public static List<String> split(String text, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    List<String> parts = new ArrayList<>();
    pack(text.strip(), limit, new String[] {"\n\n", "\n", " "}, 0, parts);
    return parts;
  }

  private static void pack(String text, int limit, String[] seps, int level, List<String> out) {
    if (text.length() <= limit) {
      if (!text.isBlank()) {
        out.add(text);
      }
      return;
    }
    if (level == seps.length) {
      cut(text, limit, out);
      return;
    }
    String sep = seps[level];
    StringBuilder current = new StringBuilder();
    for (String piece : text.split(java.util.regex.Pattern.quote(sep))) {
      if (piece.isBlank()) {
        continue;
      }
      if (piece.length() > limit) {
        flush(current, out);
        pack(piece.strip(), limit, seps, level + 1, out);
        continue;
      }
      if (current.length() > 0 && current.length() + sep.length() + piece.length() > limit) {
        flush(current, out);
      }
      if (current.length() > 0) {
        current.append(sep);
      }
      current.append(piece);
    }
    flush(current, out);
  }

  /** Cuts a word longer than a part, never between the two halves of a surrogate pair. */
  private static void cut(String word, int limit, List<String> out) {
    int start = 0;
    while (start < word.length()) {
      int end = Math.min(word.length(), start + limit);
      if (end < word.length()
          && end - start > 1
          && Character.isHighSurrogate(word.charAt(end - 1))
          && Character.isLowSurrogate(word.charAt(end))) {
        end--;
      }
      String part = word.substring(start, end);
      if (!part.isBlank()) {
        out.add(part);
      }
      start = end;
    }
  }

  private static void flush(StringBuilder current, List<String> out) {
    String part = current.toString().strip();
    if (!part.isEmpty()) {
      out.add(part);
    }
    current.setLength(0);
  }
}
