package dev.switchboard.adapters.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagesTest {

  private static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");
  private static final ConnectionId SALES = new ConnectionId("sales");

  @Test
  void an_event_is_set_aside_under_its_connection() {
    ChannelEvent typing = new ChannelEvent.AgentTyping(SALES, CustomerId.opaque("US.1"), AT);
    ChannelEvent wrote = RabbitMqEventQueueTest.customerWrote(CustomerId.opaque("US.1"), "m", AT);

    assertThat(Messages.sourceOf(typing)).isEqualTo(WebhookSource.of("event", SALES));
    assertThat(Messages.sourceOf(wrote)).isEqualTo(WebhookSource.of("event", ConnectionId.DEFAULT));
    assertThat(Messages.source(Messages.event(typing, AT)))
        .contains(WebhookSource.of("event", SALES));
  }

  @Test
  void the_source_header_keeps_the_connection_and_reads_what_earlier_versions_wrote() {
    WebhookSource genesysSales = WebhookSource.of("genesys", SALES);

    assertThat(Messages.source(Messages.webhook(genesysSales, AT))).contains(genesysSales);
    assertThat(Messages.source(withSource("GENESYS")))
        .contains(WebhookSource.of("genesys", ConnectionId.DEFAULT));
    assertThat(Messages.source(withSource("WHATSAPP"))).contains(WebhookSource.of("whatsapp"));
    assertThat(Messages.source(withSource("Not A Source"))).isEmpty();
  }

  private static AMQP.BasicProperties withSource(String source) {
    return new AMQP.BasicProperties.Builder().headers(Map.of(Messages.SOURCE, source)).build();
  }
}
