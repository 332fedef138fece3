package dev.switchboard.application.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads test resources (wire-format fixtures and the like) from the class path. */
public final class TestResources {

  private TestResources() {}

  /**
   * The bytes of the class-path resource at {@code path} (absolute, e.g. {@code /fixtures/x.json}).
   *
   * @throws IllegalArgumentException when there is no such resource
   */
  public static byte[] bytes(String path) {
    try (InputStream in = TestResources.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
