package dev.switchboard.adapters.genesys;

import io.micronaut.json.JsonMapper;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test helpers: the fixture payloads and a JSON mapper without an application context. */
final class Fixtures {

  private Fixtures() {}

  /** The raw bytes of {@code src/test/resources/fixtures/genesys/<name>}. */
  static byte[] genesys(String name) {
    String path = "/fixtures/genesys/" + name;
    try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Micronaut Serde's JSON mapper, as the application context provides it. */
  static JsonMapper json() {
    return ObjectMapper.getDefault();
  }
}
