package dev.switchboard.application.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring links to the media the bridge serves itself: {@code
 * <public-url>/media/<id>?expires=<epoch seconds>&signature=<HMAC-SHA256 of id and expiry,
 * base64url>}. A link works until it expires, for its own id only.
 */
public final class MediaLinks {

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;
  private final String baseUrl;

  /**
   * @param secret the signing key
   * @param publicUrl the URL the bridge is reached at, e.g. {@code https://bridge.example.com}
   */
  public MediaLinks(String secret, String publicUrl) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(publicUrl, "publicUrl");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("a signing key must not be empty");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    this.baseUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** The link to {@code id} that works until {@code expiresAt}. */
  public String link(String id, Instant expiresAt) {
    long expires = expiresAt.getEpochSecond();
    return baseUrl
        + "/media/"
        // a path segment: a space is %20 there, never the form encoding's "+"
        + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")
        + "?expires="
        + expires
        + "&signature="
        + sign(id, expires);
  }

  /**
   * Whether a request for {@code id} with these query values is allowed at {@code now}: the
   * signature is the link's (compared in constant time) and it has not expired.
   */
  public boolean allows(String id, String expires, String signature, Instant now) {
    if (id == null || expires == null || signature == null) {
      return false;
    }
    long expiry;
    try {
      expiry = Long.parseLong(expires);
    } catch (NumberFormatException notANumber) {
      return false;
    }
    byte[] expected = sign(id, expiry).getBytes(StandardCharsets.US_ASCII);
    byte[] presented = signature.getBytes(StandardCharsets.US_ASCII);
    boolean signed = MessageDigest.isEqual(expected, presented);
    return signed && now.getEpochSecond() < expiry;
  }

  private String sign(String id, long expires) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] digest = mac.doFinal((id + "\n" + expires).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "MediaLinks[" + baseUrl + "]";
  }
}
