package dev.switchboard.application.pipeline;

import java.util.List;

/**
 * What a webhook body decodes to: the events it carries, and what in it could not be used.
 *
 * @param events the usable events, in document order
 * @param problems a description of each part that could not be used; empty when all was usable
 */
public record Decoded(List<ChannelEvent> events, List<String> problems) {
  public Decoded {
    events = List.copyOf(events);
    problems = List.copyOf(problems);
  }

  /** A body nothing could be taken from. */
  public static Decoded unusable(String problem) {
    return new Decoded(List.of(), List.of(problem));
  }
}
