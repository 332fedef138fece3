package dev.switchboard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.env.PropertySource;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxTest {

  @Test
  void the_flag_is_recognised_among_other_arguments() {
    assertThat(Sandbox.isRequested("--sandbox")).isTrue();
    assertThat(Sandbox.isRequested("-Dx=y", "--sandbox")).isTrue();
    assertThat(Sandbox.isRequested()).isFalse();
    assertThat(Sandbox.isRequested("--sandboxed", "sandbox")).isFalse();
    assertThat(Sandbox.isRequested((String[]) null)).isFalse();
  }

  @Test
  void settings_outrank_the_environment_system_properties_and_the_command_line() {
    PropertySource source = Sandbox.propertySource(8123, Path.of("/tmp/somewhere"));
    // Micronaut: the command line is at 0, system properties at -100, environment at -200
    assertThat(source.getOrder()).isGreaterThan(0);
  }

  @Test
  void settings_point_every_api_at_this_process_and_keep_the_data_apart() {
    Map<String, Object> settings = Sandbox.settings(8123, Path.of("/tmp/somewhere"));
    assertThat(settings)
        .containsEntry("switchboard.sandbox.enabled", true)
        .containsEntry("micronaut.server.port", 8123)
        .containsEntry("switchboard.data-dir", "/tmp/somewhere/data-sandbox")
        .containsEntry("switchboard.queue", "embedded")
        .containsEntry("switchboard.whatsapp.graph-url", "http://localhost:8123/sandbox/graph")
        .containsEntry("switchboard.genesys.api-url", "http://localhost:8123/sandbox/genesys")
        .containsEntry("switchboard.genesys.login-url", "http://localhost:8123/sandbox/genesys")
        .containsEntry("switchboard.telegram.api-url", "http://localhost:8123/sandbox/telegram")
        .containsEntry(
            "switchboard.connections.telegram.genesys.api-url",
            "http://localhost:8123/sandbox/genesys");
    assertThat((String) settings.get("datasources.default.url"))
        .startsWith("jdbc:h2:file:/tmp/somewhere/data-sandbox/");
    assertThat((String) settings.get("switchboard.connections.telegram.telegram.bot-token"))
        .matches("[0-9]{1,20}:[A-Za-z0-9_-]{1,200}");
  }

  @Test
  void secrets_are_generated_for_each_start() {
    Map<String, Object> first = Sandbox.settings(8123, Path.of("."));
    Map<String, Object> second = Sandbox.settings(8123, Path.of("."));
    for (String secret :
        new String[] {
          "switchboard.whatsapp.app-secret",
          "switchboard.whatsapp.access-token",
          "switchboard.genesys.client-secret",
          "switchboard.genesys.webhook-secret",
          "switchboard.admin.token"
        }) {
      assertThat((String) first.get(secret)).as(secret).hasSizeGreaterThanOrEqualTo(32);
      assertThat(first.get(secret)).as(secret).isNotEqualTo(second.get(secret));
    }
  }

  @Test
  void the_port_comes_from_the_command_line_else_the_environment_else_8080() {
    Map<String, String> env = Map.of("MICRONAUT_SERVER_PORT", "8124");
    assertThat(Sandbox.port(new String[] {"--sandbox", "--micronaut.server.port=8125"}, env))
        .isEqualTo(8125);
    assertThat(Sandbox.port(new String[] {"--sandbox"}, env)).isEqualTo(8124);
    assertThat(Sandbox.port(new String[] {"--sandbox"}, Map.of())).isEqualTo(8080);
    assertThat(Sandbox.port(new String[] {}, Map.of("MICRONAUT_SERVER_PORT", "-1"))).isPositive();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Sandbox.port(new String[] {}, Map.of("MICRONAUT_SERVER_PORT", "eighty")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("micronaut.server.port");
  }

  @Test
  void a_configured_port_is_kept_and_any_port_becomes_a_free_one() throws Exception {
    assertThat(Sandbox.port(8123)).isEqualTo(8123);
    int chosen = Sandbox.port(-1);
    assertThat(chosen).isPositive();
    try (ServerSocket socket = new ServerSocket(chosen)) {
      assertThat(socket.getLocalPort()).isEqualTo(chosen);
    }
  }

  @Test
  void signatures_are_those_meta_and_genesys_send() {
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    // printf '{"a":1}' | openssl dgst -sha256 -hmac secret [-binary | base64]
    assertThat(Signatures.meta("secret", body))
        .isEqualTo("sha256=aa9e2e3575f5d7098b6caccd790888c36d5fdb63342a73bada2d6a51747a8494");
    assertThat(Signatures.genesys("secret", body))
        .isEqualTo("sha256=qp4uNXX11wmLbKzNeQiIw21f22M0KnO62i1qUXR6hJQ=");
  }
}
