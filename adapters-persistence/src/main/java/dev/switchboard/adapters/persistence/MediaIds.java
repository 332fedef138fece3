package dev.switchboard.adapters.persistence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The ids the media stores give what they keep: the lowercase hex SHA-256 of the key (the message's
 * id), so that a key always gets the same id, an id does not reveal its key, and an id is safe in a
 * file name, an object key and a URL. Anything else is not an id.
 */
final class MediaIds {

  private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

  private MediaIds() {}

  /** The id of {@code key}. */
  static String of(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("a media key must not be empty");
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  /** Whether {@code id} has the form of an id (checked before it goes near a path or key). */
  static boolean isValid(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /**
   * {@code id}, if it has the form of one.
   *
   * @throws IllegalArgumentException when it does not
   */
  static String require(String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException("not a media id");
    }
    return id;
  }
}
