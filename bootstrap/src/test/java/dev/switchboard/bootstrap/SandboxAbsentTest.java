package dev.switchboard.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.inject.BeanDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without {@code --sandbox}: no sandbox bean, no /sandbox path, no simulated endpoint. */
class SandboxAbsentTest extends RunningBridge {

  @Test
  void no_sandbox_bean_exists() {
    List<String> sandboxBeans =
        server.getApplicationContext().getAllBeanDefinitions().stream()
            .map(BeanDefinition::getBeanType)
            .map(Class::getName)
            .filter(name -> name.startsWith("dev.switchboard.sandbox."))
            .toList();
    assertThat(sandboxBeans).isEmpty();
  }

  @Test
  void no_sandbox_path_answers() {
    String url = server.getURL().toString();
    for (String path :
        List.of(
            "/sandbox",
            "/sandbox/",
            "/sandbox/assets/sandbox.js",
            "/sandbox/api/setup",
            "/sandbox/api/events?after=0",
            "/sandbox/graph/v26.0/" + Stubs.MEDIA_ID,
            "/sandbox/genesys/api/v2/downloads/1")) {
      assertThat(Stubs.get(url + path).statusCode()).as("GET " + path).isEqualTo(404);
    }
    for (String path :
        List.of(
            "/sandbox/graph/v26.0/" + Stubs.PHONE_NUMBER_ID + "/messages",
            "/sandbox/genesys/oauth/token",
            "/sandbox/api/customers/16505550101/messages")) {
      assertThat(Stubs.post(url + path, "{}".getBytes(), null).statusCode())
          .as("POST " + path)
          .isEqualTo(404);
    }
  }
}
