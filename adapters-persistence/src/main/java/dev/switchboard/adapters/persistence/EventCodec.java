package dev.switchboard.adapters.persistence;

import dev.switchboard.application.pipeline.MessageTrace;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of one {@code message_trace} row as text: one line per event, {@code <microseconds
 * since the epoch> <stage>} followed by {@code " " + detail} when there is a detail. A detail's
 * backslashes and line breaks are escaped ({@code \\}, {@code \n}, {@code \r}); stages are single
 * words. Times are kept to the microsecond, as a {@code TIMESTAMP WITH TIME ZONE} column keeps
 * them.
 */
final class EventCodec {

  /** The text of one row and the time of its last event. */
  record Encoded(String text, Instant last) {}

  private EventCodec() {}

  /**
   * The events' text, split into rows of at most {@code maxText} characters (an event longer than
   * that alone makes a row of its own), in order.
   */
  static List<Encoded> encode(List<MessageTrace.Event> events, int maxText) {
    List<Encoded> rows = new ArrayList<>(1);
    StringBuilder text = new StringBuilder(64 * events.size());
    Instant last = null;
    for (MessageTrace.Event event : events) {
      String line = line(event);
      if (text.length() > 0 && text.length() + 1 + line.length() > maxText) {
        rows.add(new Encoded(text.toString(), last));
        text.setLength(0);
        last = null;
      }
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(line);
      Instant at = event.at().truncatedTo(ChronoUnit.MICROS);
      last = last == null || at.isAfter(last) ? at : last;
    }
    if (text.length() > 0) {
      rows.add(new Encoded(text.toString(), last));
    }
    return rows;
  }

  /** The events of a row's text, in order. */
  static List<MessageTrace.Event> decode(String text) {
    List<MessageTrace.Event> events = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      events.add(event(text.substring(start, end)));
      start = end + 1;
    }
    return events;
  }

  private static String line(MessageTrace.Event event) {
    Instant at = event.at();
    long micros =
        Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    if (event.stage().isEmpty() || event.stage().chars().anyMatch(c -> c == ' ' || c == '\n')) {
      throw new IllegalArgumentException("a stage is one word: " + event.stage());
    }
    StringBuilder line = new StringBuilder(32).append(micros).append(' ').append(event.stage());
    if (event.detail() != null) {
      line.append(' ');
      for (int i = 0; i < event.detail().length(); i++) {
        char c = event.detail().charAt(i);
        switch (c) {
          case '\\' -> line.append("\\\\");
          case '\n' -> line.append("\\n");
          case '\r' -> line.append("\\r");
          default -> line.append(c);
        }
      }
    }
    return line.toString();
  }

  private static MessageTrace.Event event(String line) {
    int afterTime = line.indexOf(' ');
    int afterStage = line.indexOf(' ', afterTime + 1);
    long micros = Long.parseLong(line.substring(0, afterTime));
    Instant at =
        Instant.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    if (afterStage < 0) {
      return new MessageTrace.Event(at, line.substring(afterTime + 1), null);
    }
    String escaped = line.substring(afterStage + 1);
    StringBuilder detail = new StringBuilder(escaped.length());
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c == '\\' && i + 1 < escaped.length()) {
        char next = escaped.charAt(++i);
        detail.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
      } else {
        detail.append(c);
      }
    }
    return new MessageTrace.Event(at, line.substring(afterTime + 1, afterStage), detail.toString());
  }
}
