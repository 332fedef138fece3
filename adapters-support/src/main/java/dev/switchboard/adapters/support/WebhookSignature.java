package dev.switchboard.adapters.support;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a webhook's {@code sha256=...} signature: an HMAC-SHA256 over the raw body bytes with a
 * shared secret, written as lowercase hex (Meta) or base64 (Genesys). The comparison takes the same
 * time wherever the bytes differ.
 */
public final class WebhookSignature {

  private static final String PREFIX = "sha256=";
  private static final String ALGORITHM = "HmacSHA256";

  /** How the MAC is written after the prefix. */
  public enum Encoding {
    /** Lowercase hexadecimal, as Meta signs. */
    HEX,
    /** Standard base64 with padding, as Genesys signs. */
    BASE64
  }

  private final SecretKeySpec key;
  private final Encoding encoding;

  public WebhookSignature(String secret, Encoding encoding) {
    Objects.requireNonNull(secret, "secret");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("a webhook secret must not be empty");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    this.encoding = Objects.requireNonNull(encoding, "encoding");
  }

  /** Whether {@code header} is the signature of {@code body}; false for a missing or odd header. */
  public boolean verifies(byte[] body, String header) {
    if (header == null || !header.startsWith(PREFIX)) {
      return false;
    }
    byte[] presented = decode(header.substring(PREFIX.length()));
    return presented != null && MessageDigest.isEqual(mac(body), presented);
  }

  /** The header value that signs {@code body}. */
  public String sign(byte[] body) {
    byte[] mac = mac(body);
    return PREFIX
        + (encoding == Encoding.HEX
            ? HexFormat.of().formatHex(mac)
            : Base64.getEncoder().encodeToString(mac));
  }

  private byte[] decode(String value) {
    try {
      if (encoding == Encoding.HEX) {
        // only the lowercase form Meta sends: HexFormat alone would accept uppercase too
        return value.length() == 64 && value.equals(value.toLowerCase(java.util.Locale.ROOT))
            ? HexFormat.of().parseHex(value)
            : null;
      }
      return value.length() == 44 ? Base64.getDecoder().decode(value) : null;
    } catch (IllegalArgumentException notEncodedThatWay) {
      return null;
    }
  }

  private byte[] mac(byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSignature[" + encoding + "]";
  }
}
