package dev.switchboard.adapters.genesys;

import dev.switchboard.application.testing.TestResources;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.ObjectMapper;

/** Test helpers: the fixture payloads and a JSON mapper without an application context. */
final class Fixtures {

  private Fixtures() {}

  /** The raw bytes of {@code src/test/resources/fixtures/genesys/<name>}. */
  static byte[] genesys(String name) {
    return TestResources.bytes("/fixtures/genesys/" + name);
  }

  /** Micronaut Serde's JSON mapper, as the application context provides it. */
  static JsonMapper json() {
    return ObjectMapper.getDefault();
  }
}
