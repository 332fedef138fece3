package dev.switchboard.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.pipeline.Traced;
import dev.switchboard.application.port.out.PipelineObserver;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How what the pipeline tells becomes meters, with the names and tags Prometheus shows. */
class MicrometerMetersTest {

  private static final ConnectionId SALES = new ConnectionId("sales");
  private static final CustomerId CUSTOMER = CustomerId.phone("16505551234");

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MicrometerMeters meters = new MicrometerMeters(Optional.of(registry));

  private static Traced toAgent(String id) {
    return new Traced(id, SALES, Traced.Direction.TO_AGENT, CUSTOMER);
  }

  private static Traced toCustomer(String id) {
    return new Traced(id, SALES, Traced.Direction.TO_CUSTOMER, CUSTOMER);
  }

  @Test
  void messages_are_counted_by_connection_direction_and_outcome() {
    meters.delivered(toAgent("wamid.1"), Duration.ofMillis(120));
    meters.delivered(toAgent("wamid.2"), null);
    meters.delivered(toCustomer("gen-1"), Duration.ofMillis(300));
    meters.failed(toCustomer("gen-2"), "INVALID_DESTINATION");
    meters.expired(toCustomer("gen-3"));
    meters.refused(toAgent("wamid.3"), Instant.now());
    meters.failed(toAgent("wamid.4"), "GAVE_UP");

    String scrape = registry.scrape();

    assertThat(scrape)
        .contains(
            "switchboard_messages_total{connection=\"sales\",direction=\"to_agent\","
                + "outcome=\"forwarded\"} 2.0",
            "switchboard_messages_total{connection=\"sales\",direction=\"to_customer\","
                + "outcome=\"sent\"} 1.0",
            "switchboard_messages_total{connection=\"sales\",direction=\"to_customer\","
                + "outcome=\"failed\"} 1.0",
            "switchboard_messages_total{connection=\"sales\",direction=\"to_customer\","
                + "outcome=\"expired\"} 1.0",
            "switchboard_messages_total{connection=\"sales\",direction=\"to_agent\","
                + "outcome=\"refused\"} 1.0",
            "switchboard_messages_total{connection=\"sales\",direction=\"to_agent\","
                + "outcome=\"failed\"} 1.0",
            "switchboard_customers_refused_total{connection=\"sales\"} 1.0",
            "switchboard_end_to_end_seconds_count{direction=\"to_agent\"} 1",
            "switchboard_end_to_end_seconds_sum{direction=\"to_agent\"} 0.12",
            "switchboard_end_to_end_seconds_count{direction=\"to_customer\"} 1",
            "switchboard_end_to_end_seconds_bucket{direction=\"to_agent\",le=\"0.1\"} 0",
            "switchboard_end_to_end_seconds_bucket{direction=\"to_agent\",le=\"0.25\"} 1");
  }

  @Test
  void calls_are_timed_by_upstream_and_outcome_and_receipts_counted_by_status() {
    meters.attempt(
        toAgent("wamid.1"),
        "genesys",
        PipelineObserver.CallOutcome.RETRYABLE,
        "503",
        Duration.ofMillis(40));
    meters.attempt(
        toAgent("wamid.1"),
        "genesys",
        PipelineObserver.CallOutcome.OK,
        "2xx",
        Duration.ofMillis(60));
    meters.attempt(null, "telegram", PipelineObserver.CallOutcome.FAILED, "403", Duration.ZERO);
    meters.receipt(toCustomer("gen-1"), "Delivered");
    meters.receipt(toCustomer("gen-2"), "Failed");
    meters.receipt(toCustomer("gen-3"), "Failed");

    String scrape = registry.scrape();

    assertThat(scrape)
        .contains(
            "switchboard_upstream_seconds_count{outcome=\"retryable\",upstream=\"genesys\"} 1",
            "switchboard_upstream_seconds_count{outcome=\"ok\",upstream=\"genesys\"} 1",
            "switchboard_upstream_seconds_sum{outcome=\"ok\",upstream=\"genesys\"} 0.06",
            "switchboard_upstream_seconds_count{outcome=\"failed\",upstream=\"telegram\"} 1",
            "switchboard_receipts_total{connection=\"sales\",status=\"Delivered\"} 1.0",
            "switchboard_receipts_total{connection=\"sales\",status=\"Failed\"} 2.0");
  }

  @Test
  void no_meter_names_a_customer_or_a_message() {
    meters.processed(toAgent("wamid.SECRET"), Instant.now());
    meters.queued(toAgent("wamid.SECRET"));
    meters.delivered(toAgent("wamid.SECRET"), Duration.ofMillis(1));
    meters.deadLettered(toCustomer("gen-SECRET"));
    meters.status(toCustomer("gen-SECRET"), "read");
    meters.failed(toCustomer("gen-SECRET"), "GENERAL_ERROR");

    String scrape = registry.scrape();

    assertThat(scrape).doesNotContain("SECRET").doesNotContain("6505551234");
  }

  @Test
  void a_paths_template_never_holds_what_the_path_names() {
    assertThat(HttpMeters.uriOf("/webhooks/whatsapp")).isEqualTo("/webhooks/whatsapp");
    assertThat(HttpMeters.uriOf("/webhooks/whatsapp?hub.mode=subscribe"))
        .isEqualTo("/webhooks/whatsapp");
    assertThat(HttpMeters.uriOf("/webhooks/genesys/sales"))
        .isEqualTo("/webhooks/genesys/{connection}");
    assertThat(HttpMeters.uriOf("/webhooks/telegram/x"))
        .isEqualTo("/webhooks/telegram/{connection}");
    assertThat(HttpMeters.uriOf("/admin/customers/default/+16505551234")).isEqualTo("/admin/**");
    assertThat(HttpMeters.uriOf("/admin/messages/wamid.X")).isEqualTo("/admin/**");
    assertThat(HttpMeters.uriOf("/media/abc?sig=1")).isEqualTo("/media/{id}");
    assertThat(HttpMeters.uriOf("/16505551234")).isEqualTo("OTHER");
    assertThat(HttpMeters.sourceOf("/webhooks/genesys/{connection}")).isEqualTo("genesys");
    assertThat(HttpMeters.sourceOf("/admin/**")).isNull();
  }
}
