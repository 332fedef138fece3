package dev.switchboard.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dashboard imports into Grafana and shows what operators asked for. That each of its meters
 * exists in the running bridge is checked by {@link ObservabilityEndToEndTest} after a flow.
 */
class GrafanaDashboardTest {

  @Test
  void it_is_an_importable_dashboard_asking_for_its_prometheus_data_source() {
    JsonNode dashboard = GrafanaDashboard.read();
    assertThat(dashboard.path("title").asText()).isEqualTo("Switchboard");
    assertThat(dashboard.path("uid").asText()).isNotBlank();
    assertThat(dashboard.path("__inputs").get(0).path("pluginId").asText()).isEqualTo("prometheus");
    List<String> ids = new ArrayList<>();
    dashboard
        .path("panels")
        .forEach(
            panel -> {
              ids.add(panel.path("id").asText());
              if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("datasource").path("uid").asText())
                    .as(panel.path("title").asText())
                    .isEqualTo("${DS_PROMETHEUS}");
                assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
              }
            });
    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void its_panels_cover_webhooks_backlog_funnel_upstreams_end_to_end_and_dead_letters() {
    String queries = String.join("\n", GrafanaDashboard.queries());
    assertThat(queries)
        .contains(
            "switchboard_webhooks_total",
            "switchboard_backlog",
            "switchboard_messages_total",
            "switchboard_receipts_total",
            "switchboard_upstream_seconds_bucket",
            "switchboard_upstream_seconds_count{outcome!=\"ok\"}",
            "switchboard_end_to_end_seconds_bucket",
            "stage=\"dead_letters\"");
  }

  @Test
  void meter_names_are_read_from_every_query() {
    assertThat(GrafanaDashboard.meterNames())
        .contains(
            "switchboard_webhooks_total", "jvm_memory_used_bytes", "hikaricp_connections_active")
        .noneMatch(name -> name.endsWith("_"));
  }
}
