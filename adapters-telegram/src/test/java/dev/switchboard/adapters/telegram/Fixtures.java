package dev.switchboard.adapters.telegram;

import dev.switchboard.application.testing.TestResources;

/** Reads the wire-format fixtures under {@code src/test/resources/fixtures/telegram}. */
final class Fixtures {

  private Fixtures() {}

  static byte[] telegram(String name) {
    return TestResources.bytes("/fixtures/telegram/" + name);
  }
}
