package dev.switchboard.adapters.whatsapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the wire-format fixtures under {@code src/test/resources/fixtures/whatsapp}. */
final class Fixtures {

  private Fixtures() {}

  static byte[] whatsapp(String name) {
    String path = "/fixtures/whatsapp/" + name;
    try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
