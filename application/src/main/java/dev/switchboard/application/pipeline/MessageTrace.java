package dev.switchboard.application.pipeline;

import dev.switchboard.domain.channel.ConnectionId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The way one message went through the bridge, as operators see it: never its content, a token or
 * its customer's number.
 *
 * @param id the id it was looked up by
 * @param connection the connection it travelled on
 * @param direction which way it went
 * @param events what happened to it, in order
 */
public record MessageTrace(
    String id, ConnectionId connection, Traced.Direction direction, List<Event> events) {

  /** The stages a trace shows, in the order a message passes them. */
  public static final List<String> STAGES =
      List.of(
          "accepted",
          "processed",
          "queued",
          "attempt",
          "sent",
          "receipt",
          "status",
          "failed",
          "dead_letter",
          "refused");

  public MessageTrace {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(direction, "direction");
    events = List.copyOf(events);
  }

  /**
   * One thing that happened to the message.
   *
   * @param at when
   * @param stage one of {@link #STAGES}
   * @param detail an HTTP status, a failure code or a status; {@code null} when none
   */
  public record Event(Instant at, String stage, String detail) {
    public Event {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(stage, "stage");
    }
  }
}
