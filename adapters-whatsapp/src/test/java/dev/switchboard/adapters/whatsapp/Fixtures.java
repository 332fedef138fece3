package dev.switchboard.adapters.whatsapp;

import dev.switchboard.application.testing.TestResources;

/** Reads the wire-format fixtures under {@code src/test/resources/fixtures/whatsapp}. */
final class Fixtures {

  private Fixtures() {}

  static byte[] whatsapp(String name) {
    return TestResources.bytes("/fixtures/whatsapp/" + name);
  }
}
