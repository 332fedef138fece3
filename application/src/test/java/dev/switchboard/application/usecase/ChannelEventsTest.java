package dev.switchboard.application.usecase;

import static dev.switchboard.application.usecase.Core.ALICE;
import static dev.switchboard.application.usecase.Core.agentWrote;
import static dev.switchboard.application.usecase.Core.customerWrote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.StatusReport;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChannelEventsTest {

  private static final ConnectionId GONE = new ConnectionId("gone");

  private final Core core = Core.whatsApp();

  static Stream<Arguments> events_of_a_connection_not_configured() {
    Core data = Core.whatsApp();
    return Stream.of(
        Arguments.of("a customer message", customerWrote(GONE, ALICE, "wamid.1", data.t0, "hi")),
        Arguments.of("an agent message", agentWrote(GONE, ALICE, "gen-1", data.t0, "hello")),
        Arguments.of(
            "a status report",
            new ChannelEvent.StatusReported(
                GONE, new StatusReport("m.1", ALICE, DeliveryStatus.READ, data.t0, List.of()))),
        Arguments.of("an agent typing", new ChannelEvent.AgentTyping(GONE, ALICE, data.t0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events_of_a_connection_not_configured")
  void an_event_of_a_connection_not_configured_fails_naming_it_and_changes_nothing(
      String name, ChannelEvent event) {
    assertThatThrownBy(() -> core.events.apply(event))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no connection named gone");

    assertThat(core.outbox.items()).isEmpty();
    assertThat(core.conversations.locks()).isEmpty();
    assertThat(core.processed.keys()).isEmpty();
    assertThat(core.deliveries.held(GONE, "m.1")).isEmpty();
  }
}
