package dev.switchboard.domain.message;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The bytes of an attachment with their media type and, for documents, file name.
 *
 * @param content the bytes
 * @param mimeType e.g. {@code image/png}
 * @param filename the file name; {@code null} when none is known
 */
public record MediaBytes(byte[] content, String mimeType, String filename) {

  public MediaBytes {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(mimeType, "mimeType");
    filename = filename == null || filename.isBlank() ? null : filename;
  }

  /** How many bytes there are. */
  public long size() {
    return content.length;
  }

  /**
   * Whether the bytes hash to {@code expectedSha256}: 64 hex digits (any case), or the digest in
   * base64 (standard or URL-safe, padded or not), as WhatsApp's webhooks give it.
   */
  public boolean matchesSha256(String expectedSha256) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
    String expected = expectedSha256.strip();
    if (expected.length() == 2 * digest.length) {
      return HexFormat.of().formatHex(digest).equalsIgnoreCase(expected);
    }
    try {
      byte[] decoded = Base64.getDecoder().decode(expected.replace('-', '+').replace('_', '/'));
      return MessageDigest.isEqual(digest, decoded);
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "MediaBytes[" + mimeType + ", " + content.length + " bytes]";
  }
}
