package dev.switchboard.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** How Meta and Genesys sign their webhooks: HMAC-SHA256 of the raw body, hex or base64. */
final class Signatures {

  private Signatures() {}

  /** Meta's {@code X-Hub-Signature-256}: {@code sha256=} and the lowercase hex HMAC. */
  static String meta(String appSecret, byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(hmac(appSecret, body));
  }

  /** Genesys' {@code X-Hub-Signature-256}: {@code sha256=} and the base64 HMAC. */
  static String genesys(String webhookSecret, byte[] body) {
    return "sha256=" + Base64.getEncoder().encodeToString(hmac(webhookSecret, body));
  }

  private static byte[] hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
