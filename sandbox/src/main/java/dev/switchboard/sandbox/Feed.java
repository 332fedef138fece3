package dev.switchboard.sandbox;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened in the sandbox, in order, for the page to replay and follow: messages on the phone
 * and on the desk, receipts, and each hop between the simulated services and the bridge. Bounded:
 * the oldest events go first.
 */
@Singleton
@Requires(property = Sandbox.ENABLED, value = "true")
final class Feed {

  static final int CAPACITY = 2_000;

  private final Deque<Map<String, Object>> events = new ArrayDeque<>();
  private long last;

  /** Adds an event of {@code kind} with {@code fields}; its sequence number. */
  synchronized long publish(String kind, Map<String, Object> fields) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("seq", ++last);
    event.put("kind", kind);
    event.put("at", Instant.now().toString());
    event.putAll(fields);
    events.addLast(event);
    while (events.size() > CAPACITY) {
      events.removeFirst();
    }
    return last;
  }

  /** A hop between two parties, for the pipeline panel. */
  void hop(String from, String to, String what, Object status) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("from", from);
    fields.put("to", to);
    fields.put("what", what);
    fields.put("status", status);
    publish("hop", fields);
  }

  /** The events after {@code seq}, oldest first, at most {@code max}. */
  synchronized List<Map<String, Object>> after(long seq, int max) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> event : events) {
      if ((long) event.get("seq") > seq) {
        out.add(event);
        if (out.size() >= max) {
          break;
        }
      }
    }
    return out;
  }

  synchronized long last() {
    return last;
  }
}
