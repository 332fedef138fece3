package dev.switchboard.application.usecase;

import static dev.switchboard.application.usecase.Core.ALICE;
import static dev.switchboard.application.usecase.Core.DEFAULT;
import static dev.switchboard.application.usecase.Core.ROUTE;
import static dev.switchboard.application.usecase.Core.customerWrote;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.OutboxItem;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShowAgentTypingTest {

  @Test
  void on_a_channel_without_window_typing_is_shown_however_long_ago_the_customer_wrote() {
    Core core = Core.telegram();
    core.apply(customerWrote(DEFAULT, ALICE, "1:7", core.t0, "hi"));
    core.clock.advance(Duration.ofDays(10));

    core.apply(new ChannelEvent.AgentTyping(DEFAULT, ALICE, core.clock.instant()));

    assertThat(core.outbox.items(OutboxItem.ShowTyping.class))
        .containsExactly(new OutboxItem.ShowTyping(DEFAULT, ALICE, ROUTE, "1:7"));
  }

  @Test
  void on_a_channel_without_window_nothing_is_shown_before_the_customer_wrote() {
    Core core = Core.telegram();

    core.apply(new ChannelEvent.AgentTyping(DEFAULT, ALICE, core.t0));

    assertThat(core.outbox.items()).isEmpty();
  }

  @Test
  void on_a_channel_with_a_window_nothing_is_shown_once_it_closed() {
    Core core = Core.whatsApp();
    core.apply(customerWrote(DEFAULT, ALICE, "wamid.1", core.t0, "hi"));
    core.clock.advance(Duration.ofHours(24));

    core.apply(new ChannelEvent.AgentTyping(DEFAULT, ALICE, core.clock.instant()));

    assertThat(core.outbox.items(OutboxItem.ShowTyping.class)).isEmpty();
  }
}
