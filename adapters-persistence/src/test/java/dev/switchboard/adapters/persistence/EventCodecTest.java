package dev.switchboard.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.pipeline.MessageTrace;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventCodecTest {

  private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123456Z");

  @Test
  void events_come_back_in_order_with_their_details_and_times_to_the_microsecond() {
    List<MessageTrace.Event> events =
        List.of(
            new MessageTrace.Event(AT, "accepted", null),
            new MessageTrace.Event(AT.plusNanos(789), "attempt", "genesys 503 in 7 ms"),
            new MessageTrace.Event(AT.plusSeconds(1), "failed", ""),
            new MessageTrace.Event(AT.plusSeconds(2), "status", "a\\b\nc\rd \\n"));

    List<EventCodec.Encoded> rows = EventCodec.encode(events, 8_000);

    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).last()).isEqualTo(AT.plusSeconds(2));
    assertThat(rows.get(0).text()).startsWith("1772359200123456 accepted\n");
    assertThat(EventCodec.decode(rows.get(0).text()))
        .containsExactly(
            new MessageTrace.Event(AT, "accepted", null),
            new MessageTrace.Event(AT, "attempt", "genesys 503 in 7 ms"),
            new MessageTrace.Event(AT.plusSeconds(1), "failed", ""),
            new MessageTrace.Event(AT.plusSeconds(2), "status", "a\\b\nc\rd \\n"));
  }

  @Test
  void a_long_trace_is_split_into_rows_each_within_the_limit_and_with_its_own_last_time() {
    List<MessageTrace.Event> events =
        List.of(
            new MessageTrace.Event(AT, "attempt", "x".repeat(20)),
            new MessageTrace.Event(AT.plusSeconds(1), "attempt", "y".repeat(20)),
            new MessageTrace.Event(AT.plusSeconds(2), "sent", null));

    List<EventCodec.Encoded> rows = EventCodec.encode(events, 70);

    assertThat(rows).extracting(row -> row.text().length()).allMatch(length -> length <= 70);
    assertThat(rows).extracting(EventCodec.Encoded::last).containsExactly(AT, AT.plusSeconds(2));
    assertThat(rows.stream().flatMap(row -> EventCodec.decode(row.text()).stream()))
        .containsExactlyElementsOf(events);
  }

  @Test
  void a_stage_of_more_than_one_word_is_refused() {
    assertThatThrownBy(
            () -> EventCodec.encode(List.of(new MessageTrace.Event(AT, "two words", null)), 100))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
