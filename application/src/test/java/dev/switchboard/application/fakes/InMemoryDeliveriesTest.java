package dev.switchboard.application.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.delivery.Delivery;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.StatusReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fake keeps each connection's deliveries apart, and forgets deliveries and held reports by
 * when they were last written, in batches.
 */
class InMemoryDeliveriesTest {

  private static final CustomerId ALICE = CustomerId.phone("16505551234");
  private static final ConnectionId DEFAULT = ConnectionId.DEFAULT;
  private static final ConnectionId SALES = new ConnectionId("sales");

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final Instant t0 = clock.instant();
  private final InMemoryDeliveries deliveries = new InMemoryDeliveries(clock);

  private static Delivery delivery(String wamid) {
    return Delivery.accepted("gen-" + wamid, wamid, ALICE, List.of(), true);
  }

  private void hold(String wamid) {
    deliveries.hold(DEFAULT, new StatusReport(wamid, ALICE, DeliveryStatus.READ, t0, List.of()));
  }

  @Test
  void what_was_last_written_before_the_cutoff_is_forgotten_a_batch_at_a_time() {
    deliveries.save(DEFAULT, delivery("wamid.1"));
    deliveries.save(DEFAULT, delivery("wamid.2"));
    hold("wamid.3");
    clock.advance(Duration.ofDays(1));
    deliveries.save(DEFAULT, delivery("wamid.1")); // written again: kept
    hold("wamid.4");

    assertThat(deliveries.deleteChangedBefore(clock.instant(), 1)).isEqualTo(1);
    assertThat(deliveries.deleteChangedBefore(clock.instant(), 5)).isEqualTo(1);
    assertThat(deliveries.deleteChangedBefore(clock.instant(), 5)).isZero();

    assertThat(deliveries.all()).extracting(Delivery::channelMessageId).containsExactly("wamid.1");
    assertThat(deliveries.held(DEFAULT, "wamid.3")).isEmpty();
    assertThat(deliveries.held(DEFAULT, "wamid.4")).hasSize(1);
  }

  @Test
  void the_same_channel_message_id_on_two_connections_is_two_deliveries() {
    deliveries.save(DEFAULT, delivery("wamid.1"));
    deliveries.hold(SALES, new StatusReport("wamid.2", ALICE, DeliveryStatus.READ, t0, List.of()));

    assertThat(deliveries.byChannelMessageId(DEFAULT, "wamid.1")).isPresent();
    assertThat(deliveries.byChannelMessageId(SALES, "wamid.1")).isEmpty();
    assertThat(deliveries.all(SALES)).isEmpty();
    assertThat(deliveries.all(DEFAULT)).hasSize(1);
    assertThat(deliveries.releaseHeld(DEFAULT, "wamid.2")).isEmpty();
    assertThat(deliveries.releaseHeld(SALES, "wamid.2")).hasSize(1);
  }
}
