package dev.switchboard.domain.delivery;

import static dev.switchboard.domain.delivery.DeliveryStatus.ACCEPTED;
import static dev.switchboard.domain.delivery.DeliveryStatus.DELIVERED;
import static dev.switchboard.domain.delivery.DeliveryStatus.FAILED;
import static dev.switchboard.domain.delivery.DeliveryStatus.READ;
import static dev.switchboard.domain.delivery.DeliveryStatus.SENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DeliveryStatusTest {

  /** Marks a report that must be ignored: stale, a duplicate, or after a final state. */
  private static final DeliveryStatus IGNORED = null;

  /** Every ordered pair: current state, reported state, the state after (or IGNORED). */
  private static final Object[][] TRANSITIONS = {
    {ACCEPTED, ACCEPTED, IGNORED},
    {ACCEPTED, SENT, SENT},
    {ACCEPTED, DELIVERED, DELIVERED},
    {ACCEPTED, READ, READ},
    {ACCEPTED, FAILED, FAILED},
    {SENT, ACCEPTED, IGNORED},
    {SENT, SENT, IGNORED},
    {SENT, DELIVERED, DELIVERED},
    {SENT, READ, READ},
    {SENT, FAILED, FAILED},
    {DELIVERED, ACCEPTED, IGNORED},
    {DELIVERED, SENT, IGNORED},
    {DELIVERED, DELIVERED, IGNORED},
    {DELIVERED, READ, READ},
    {DELIVERED, FAILED, IGNORED},
    {READ, ACCEPTED, IGNORED},
    {READ, SENT, IGNORED},
    {READ, DELIVERED, IGNORED},
    {READ, READ, IGNORED},
    {READ, FAILED, IGNORED},
    {FAILED, ACCEPTED, IGNORED},
    {FAILED, SENT, IGNORED},
    {FAILED, DELIVERED, IGNORED},
    {FAILED, READ, IGNORED},
    {FAILED, FAILED, IGNORED},
  };

  static Stream<Arguments> transitions() {
    return Stream.of(TRANSITIONS).map(Arguments::of);
  }

  @ParameterizedTest(name = "{0} + report {1} -> {2}")
  @MethodSource("transitions")
  void advances_only_forward(DeliveryStatus current, DeliveryStatus reported, DeliveryStatus next) {
    assertThat(current.advanceTo(reported)).isEqualTo(Optional.ofNullable(next));
  }

  @Test
  void the_table_covers_every_ordered_pair_once() {
    Map<DeliveryStatus, List<DeliveryStatus>> seen = new EnumMap<>(DeliveryStatus.class);
    for (Object[] row : TRANSITIONS) {
      seen.computeIfAbsent((DeliveryStatus) row[0], k -> new ArrayList<>())
          .add((DeliveryStatus) row[1]);
    }

    assertThat(seen).containsOnlyKeys(DeliveryStatus.values());
    seen.values()
        .forEach(
            reported -> assertThat(reported).containsExactlyInAnyOrder(DeliveryStatus.values()));
  }

  @Test
  void no_state_can_be_reached_again_once_left() {
    for (DeliveryStatus from : DeliveryStatus.values()) {
      for (DeliveryStatus to : DeliveryStatus.values()) {
        from.advanceTo(to)
            .ifPresent(
                next -> assertThat(next.advanceTo(from)).as(next + " back to " + from).isEmpty());
      }
    }
  }

  @ParameterizedTest(name = "{0} implies delivered: {1}")
  @CsvSource({"ACCEPTED, false", "SENT, false", "DELIVERED, true", "READ, true", "FAILED, false"})
  void read_and_delivered_imply_delivered(DeliveryStatus status, boolean delivered) {
    assertThat(status.impliesDelivered()).isEqualTo(delivered);
  }
}
